package io.ferrymq.coordinator.election;

import static io.ferrymq.coordinator.election.ElectionPolicy.MAX_REBALANCE_RECHECKS;
import static io.ferrymq.coordinator.election.ElectionPolicyTest.leading;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.coordinator.election.ElectionPolicy.Move;
import io.ferrymq.coordinator.metadata.PartitionState;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The preferred-leader rebalance rules of {@link ElectionPolicy}; replicas [1, 2, 3], 1 preferred. */
class ElectionPolicyRebalanceTest {

    private static final List<Integer> REPLICAS = List.of(1, 2, 3);
    private static final Set<Integer> ALL = Set.of(1, 2, 3);
    private static final PartitionState ALL_IN_SYNC = new PartitionState(2, 3, REPLICAS, false);

    private static ElectionPolicy queued(int self) {
        ElectionPolicy policy = new ElectionPolicy(self, REPLICAS, false);
        assertThat(policy.shouldBeInLatch(ALL_IN_SYNC, ALL)).isTrue();
        return policy;
    }

    @Test
    void replicaMakesWayOnlyForARegisteredPreferredReplicaInTheIsrWhileItIsInTheLatch() {
        ElectionPolicy policy = queued(2);

        assertThat(policy.shouldMakeWayForPreferred(ALL_IN_SYNC, ALL, true)).isTrue();
        assertThat(policy.shouldMakeWayForPreferred(ALL_IN_SYNC, ALL, false)).as("not in the latch").isFalse();
        assertThat(policy.shouldMakeWayForPreferred(ALL_IN_SYNC, Set.of(2, 3), true)).as("unregistered").isFalse();
        assertThat(policy.shouldMakeWayForPreferred(ALL_IN_SYNC.withIsr(List.of(2, 3)), ALL, true)).as("out of ISR").isFalse();
    }

    @Test
    void thePreferredReplicaNeverMakesWay() {
        assertThat(queued(1).shouldMakeWayForPreferred(ALL_IN_SYNC, ALL, true)).isFalse();
    }

    @Test
    void resignedReplicaDoesNotTakePartInARebalance() {
        ElectionPolicy policy = queued(2);
        policy.resign();

        assertThat(policy.shouldMakeWayForPreferred(ALL_IN_SYNC, ALL, true)).isFalse();
        assertThat(policy.moveFor(List.of(3, 2, 1), 0)).isEqualTo(Move.STAY);
    }

    @Test
    void followerAheadOfThePreferredReplicaRequeuesBehindIt() {
        assertThat(queued(3).moveFor(List.of(2, 3, 1), 0)).isEqualTo(Move.REQUEUE);
    }

    @Test
    void followerBehindThePreferredReplicaStays() {
        assertThat(queued(3).moveFor(List.of(2, 1, 3), 0)).isEqualTo(Move.STAY);
    }

    @Test
    void replicaFirstInTheLatchThatIsNotLeaderYetWaitsForALaterRound() {
        ElectionPolicy policy = queued(2);
        policy.winLatch();

        assertThat(policy.moveFor(List.of(2, 3, 1), 0)).isEqualTo(Move.STAY);
    }

    @Test
    void nothingMovesWhenThePreferredReplicaOrThisOneIsNotInTheLatch() {
        assertThat(queued(3).moveFor(List.of(2, 3), 0)).isEqualTo(Move.STAY);
        assertThat(queued(3).moveFor(List.of(2, 1), 0)).isEqualTo(Move.STAY);
    }

    @Test
    void leaderStepsDownOnlyWhenThePreferredReplicaIsNextInTheLatch() {
        ElectionPolicy policy = leading(2, ALL_IN_SYNC, ALL);

        assertThat(policy.moveFor(List.of(2, 1, 3), 0)).isEqualTo(Move.STEP_DOWN);
        assertThat(policy.moveFor(List.of(2, 3, 1), 0)).isEqualTo(Move.RECHECK);
    }

    @Test
    void leaderWithFollowersBetweenLooksAgainABoundedNumberOfTimes() {
        ElectionPolicy policy = leading(2, ALL_IN_SYNC, ALL);

        for (int recheck = 0; recheck < MAX_REBALANCE_RECHECKS; recheck++) {
            assertThat(policy.moveFor(List.of(2, 3, 1), recheck)).as("look %d", recheck).isEqualTo(Move.RECHECK);
        }
        assertThat(policy.moveFor(List.of(2, 3, 1), MAX_REBALANCE_RECHECKS)).isEqualTo(Move.STAY);
    }
}
