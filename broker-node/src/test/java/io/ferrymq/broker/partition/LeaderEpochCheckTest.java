package io.ferrymq.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.errors.ErrorCode;
import org.junit.jupiter.api.Test;

class LeaderEpochCheckTest {

    @Test
    void olderEpochIsFencedNewerIsUnknownEqualOrAbsentPasses() {
        assertThat(LeaderEpochCheck.check(3, 4)).isEqualTo(ErrorCode.FENCED_LEADER_EPOCH);
        assertThat(LeaderEpochCheck.check(5, 4)).isEqualTo(ErrorCode.UNKNOWN_LEADER_EPOCH);
        assertThat(LeaderEpochCheck.check(4, 4)).isEqualTo(ErrorCode.NONE);
        assertThat(LeaderEpochCheck.check(LeaderEpochCheck.NO_EPOCH, 4)).isEqualTo(ErrorCode.NONE);
    }
}
