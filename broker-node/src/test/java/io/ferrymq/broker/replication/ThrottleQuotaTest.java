package io.ferrymq.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThrottleQuotaTest {

    @Test
    void unlimitedIsNeverExceeded() {
        ThrottleQuota quota = new ThrottleQuota(ThrottleQuota.UNLIMITED, 0);
        quota.record(Long.MAX_VALUE / 2, 0);
        assertThat(quota.isExceeded(0)).isFalse();
        assertThat(quota.millisUntilAvailable(0)).isZero();
    }

    @Test
    void aTransferLargerThanTheBucketGoesThroughThenWaitsItsDebtOff() {
        ThrottleQuota quota = new ThrottleQuota(1000, 0);
        assertThat(quota.isExceeded(0)).isFalse();
        quota.record(3000, 0);
        assertThat(quota.isExceeded(0)).isTrue();
        assertThat(quota.millisUntilAvailable(0)).isEqualTo(3000);
        assertThat(quota.isExceeded(2999)).isTrue();
        assertThat(quota.isExceeded(3000)).isFalse();
    }

    @Test
    void overALongRunTheBytesAllowedFollowTheRateWithinOneTransfer() {
        ThrottleQuota quota = new ThrottleQuota(200_000, 0);
        long sent = 0;
        int chunk = 16_384;
        for (long now = 0; now <= 10_000; now++) {
            if (!quota.isExceeded(now)) {
                quota.record(chunk, now);
                sent += chunk;
            }
        }
        assertThat(sent).isBetween(2_000_000L - chunk, 2_000_000L + 2L * chunk);
    }

    @Test
    void idleTimeAllowsAtMostOneSecondOfBurst() {
        ThrottleQuota quota = new ThrottleQuota(1000, 0);
        quota.record(1, 60_000);
        quota.record(1000, 60_000);
        assertThat(quota.isExceeded(60_000)).as("a minute idle saved one second, 1000 bytes").isTrue();
    }

    @Test
    void aNewRateForgivesTheDebtAndOnlyPositiveRatesAreAccepted() {
        ThrottleQuota quota = new ThrottleQuota(10, 0);
        quota.record(10_000, 0);
        assertThat(quota.isExceeded(1)).isTrue();
        quota.setRate(ThrottleQuota.UNLIMITED, 1);
        assertThat(quota.isExceeded(1)).isFalse();
        assertThatThrownBy(() -> quota.setRate(0, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
