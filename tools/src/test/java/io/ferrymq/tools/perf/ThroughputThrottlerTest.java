package io.ferrymq.tools.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputThrottlerTest {

    private final List<Long> sleeps = new ArrayList<>();

    private ThroughputThrottler throttler(long target) {
        return new ThroughputThrottler(target, 1_000L, nanos -> {
            sleeps.add(nanos);
            return nanos;
        });
    }

    @Test
    void unlimitedNeverThrottles() {
        ThroughputThrottler throttler = throttler(-1);
        assertThat(throttler.shouldThrottle(1_000_000, 1_001)).isFalse();
    }

    @Test
    void throttlesOnlyWhenAheadOfTheTarget() {
        ThroughputThrottler throttler = throttler(1_000);
        assertThat(throttler.shouldThrottle(1_001, 2_000)).isTrue();
        assertThat(throttler.shouldThrottle(1_000, 2_000)).isFalse();
        assertThat(throttler.shouldThrottle(500, 2_000)).isFalse();
        assertThat(throttler.shouldThrottle(10, 1_000)).as("no elapsed time yet").isFalse();
    }

    @Test
    void batchesShortSleepsUntilTheMinimumDeficit() {
        ThroughputThrottler throttler = throttler(1_000);
        throttler.throttle();
        assertThat(sleeps).isEmpty();
        assertThat(throttler.sleepDeficitNs()).isEqualTo(1_000_000L);
        throttler.throttle();
        assertThat(sleeps).containsExactly(2_000_000L);
        assertThat(throttler.sleepDeficitNs()).isZero();
    }

    @Test
    void holdsTheTargetRateOverManySends() {
        ThroughputThrottler throttler = throttler(20_000);
        for (int i = 0; i < 20_000; i++) {
            throttler.throttle();
        }
        long slept = sleeps.stream().mapToLong(Long::longValue).sum();
        assertThat(slept + throttler.sleepDeficitNs()).isEqualTo(1_000_000_000L);
    }

    @Test
    void shortSleepKeepsTheRestOfTheDeficit() {
        ThroughputThrottler throttler = new ThroughputThrottler(500, 0, nanos -> nanos / 2);
        throttler.throttle();
        assertThat(throttler.sleepDeficitNs()).isEqualTo(1_000_000L);
    }

    @Test
    void zeroTargetIsRefused() {
        assertThatThrownBy(() -> throttler(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--throughput");
    }
}
