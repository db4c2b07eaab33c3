package io.ferrymq.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.coordinator.group.CommittedOffset;
import org.junit.jupiter.api.Test;

class OffsetExpiryTest {

    private static final long RETENTION = 1_000;

    @Test
    void anOffsetExpiresWhenTheRetentionPassedSinceTheLaterOfItsCommitAndTheGroupEmptying() {
        CommittedOffset committedAt100 = new CommittedOffset(7, "", 100);
        assertThat(OffsetExpiry.isExpired(committedAt100, 500, 1_499, RETENTION)).isFalse();
        assertThat(OffsetExpiry.isExpired(committedAt100, 500, 1_500, RETENTION)).isTrue();
        assertThat(OffsetExpiry.isExpired(committedAt100, 0, 1_099, RETENTION)).isFalse();
        assertThat(OffsetExpiry.isExpired(committedAt100, 0, 1_100, RETENTION)).as("emptiness unknown: the commit counts").isTrue();
    }

    @Test
    void aCommitAfterTheGroupEmptiedRestartsTheRetention() {
        CommittedOffset committedAt900 = new CommittedOffset(7, "", 900);
        assertThat(OffsetExpiry.isExpired(committedAt900, 500, 1_899, RETENTION)).isFalse();
        assertThat(OffsetExpiry.isExpired(committedAt900, 500, 1_900, RETENTION)).isTrue();
    }
}
