package io.ferrymq.broker.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RollPolicyTest {

    private final RollPolicy policy = new RollPolicy(1000, 60_000);

    @Test
    void rollsOnSizeTimeFullIndexOrOffsetOverflowButNeverAnEmptySegment() {
        assertThat(policy.shouldRoll(0, 1_000_000, true, 0, Long.MAX_VALUE, 5000)).isFalse();
        assertThat(policy.shouldRoll(500, 0, false, 0, 10, 500)).isFalse();
        assertThat(policy.shouldRoll(500, 0, false, 0, 10, 501)).isTrue();
        assertThat(policy.shouldRoll(10, 60_001, false, 0, 10, 1)).isTrue();
        assertThat(policy.shouldRoll(10, 60_000, false, 0, 10, 1)).isFalse();
        assertThat(policy.shouldRoll(10, 0, true, 0, 10, 1)).isTrue();
        assertThat(policy.shouldRoll(10, 0, false, 5, 5L + Integer.MAX_VALUE + 1, 1)).isTrue();
    }
}
