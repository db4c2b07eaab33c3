package io.ferrymq.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IsrPolicyTest {

    private final IsrPolicy policy = new IsrPolicy(1_000);

    @Test
    void followerBehindLongerThanLagTimeLeavesIsr() {
        Map<Integer, ReplicaProgress> followers = Map.of(
                2, ReplicaProgress.onBecomeLeader(2, true, 0).onFetch(5, 10, 0),
                3, ReplicaProgress.onBecomeLeader(3, true, 0).onFetch(10, 10, 1_500));
        assertThat(policy.replicasToRemove(1, Set.of(1, 2, 3), 10, followers, Set.of(1, 2, 3), 1_001))
                .containsExactly(2);
        assertThat(policy.replicasToRemove(1, Set.of(1, 2, 3), 10, followers, Set.of(1, 2, 3), 1_000))
                .isEmpty();
    }

    @Test
    void followerWhoseRegistrationVanishedLeavesAtOnce() {
        Map<Integer, ReplicaProgress> followers = Map.of(
                2, ReplicaProgress.onBecomeLeader(2, true, 0).onFetch(10, 10, 0),
                3, ReplicaProgress.onBecomeLeader(3, true, 0).onFetch(10, 10, 0));
        assertThat(policy.replicasToRemove(1, Set.of(1, 2, 3), 10, followers, Set.of(1, 2), 1))
                .containsExactly(3);
    }

    @Test
    void leaderIsNeverRemoved() {
        assertThat(policy.replicasToRemove(1, Set.of(1), 10, Map.of(), Set.of(), 10_000)).isEmpty();
    }

    @Test
    void isrMemberWithoutProgressRecordCountsAsLagging() {
        assertThat(policy.replicasToRemove(1, Set.of(1, 4), 10, Map.of(), Set.of(1, 4), 0)).containsExactly(4);
    }

    @Test
    void followerJoinsOnceAtHighWatermarkAndEpochStart() {
        ReplicaProgress at8 = ReplicaProgress.onBecomeLeader(3, false, 0).onFetch(8, 12, 5);
        assertThat(policy.mayJoinIsr(at8, Set.of(1, 2), 8, 6, Set.of(1, 2, 3))).isTrue();
        assertThat(policy.mayJoinIsr(at8, Set.of(1, 2), 9, 6, Set.of(1, 2, 3))).isFalse();
        assertThat(policy.mayJoinIsr(at8, Set.of(1, 2), 8, 9, Set.of(1, 2, 3))).isFalse();
    }

    @Test
    void unregisteredOrUnknownFollowerNeverJoins() {
        ReplicaProgress at8 = ReplicaProgress.onBecomeLeader(3, false, 0).onFetch(8, 8, 5);
        assertThat(policy.mayJoinIsr(at8, Set.of(1, 2), 0, 0, Set.of(1, 2))).isFalse();
        ReplicaProgress unknown = ReplicaProgress.onBecomeLeader(3, false, 0);
        assertThat(policy.mayJoinIsr(unknown, Set.of(1, 2), 0, 0, Set.of(1, 2, 3))).isFalse();
    }

    @Test
    void nonPositiveLagTimeIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new IsrPolicy(0)).hasMessageContaining("replica.lag.time.max.ms");
    }

    @Test
    void maximalIsrOfAPendingExpansionIncludesTheJoiner() {
        IsrChange expand = new IsrChange(1, List.of(1, 2, 3), Set.of(), Set.of(3));
        assertThat(IsrPolicy.maximalIsr(Set.of(1, 2), Optional.of(expand))).containsExactly(1, 2, 3);
    }

    @Test
    void maximalIsrOfAPendingShrinkKeepsTheLeaver() {
        IsrChange shrink = new IsrChange(1, List.of(1), Set.of(2), Set.of());
        assertThat(IsrPolicy.maximalIsr(Set.of(1, 2), Optional.of(shrink))).containsExactly(1, 2);
    }

    @Test
    void maximalIsrWithNothingPendingIsTheCommittedIsr() {
        assertThat(IsrPolicy.maximalIsr(Set.of(1, 3), Optional.empty())).containsExactly(1, 3);
    }
}
