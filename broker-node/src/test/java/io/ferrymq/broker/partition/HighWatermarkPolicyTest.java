package io.ferrymq.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HighWatermarkPolicyTest {

    @Test
    void highWatermarkIsSmallestLogEndOffsetInIsr() {
        assertThat(HighWatermarkPolicy.compute(0, 10, List.of(7L, 9L))).isEqualTo(7);
    }

    @Test
    void leaderAloneInIsrCommitsItsWholeLog() {
        assertThat(HighWatermarkPolicy.compute(3, 10, List.of())).isEqualTo(10);
    }

    @Test
    void highWatermarkNeverMovesBackwards() {
        assertThat(HighWatermarkPolicy.compute(8, 10, List.of(5L))).isEqualTo(8);
    }

    @Test
    void followerNotHeardFromYetHoldsHighWatermark() {
        assertThat(HighWatermarkPolicy.compute(4, 10, List.of(10L, ReplicaProgress.UNKNOWN_OFFSET)))
                .isEqualTo(4);
    }

    @Test
    void followerAheadOfLeaderCannotLiftHighWatermarkPastLeader() {
        assertThat(HighWatermarkPolicy.compute(0, 6, List.of(9L))).isEqualTo(6);
    }
}
