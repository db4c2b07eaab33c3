package io.ferrymq.coordinator.election;

import static io.ferrymq.coordinator.election.ElectionPolicyTest.leading;
import static io.ferrymq.coordinator.metadata.PartitionState.NO_LEADER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.coordinator.election.ElectionPolicy.Move;
import io.ferrymq.coordinator.metadata.PartitionState;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Whole sequences of one replica's {@link ElectionPolicy}, as {@link ZkLeaderElector} drives
 * them, including the decisions LeaderElectionIT used to check by sleeping and then asserting that
 * nothing had changed. Replicas [1, 2, 3], 1 preferred.
 */
class ElectionSequenceTest {

    private static final List<Integer> REPLICAS = List.of(1, 2, 3);
    private static final Set<Integer> ALL = Set.of(1, 2, 3);

    @Test
    void replicaJoinsWinsWritesAndLeads() {
        ElectionPolicy policy = new ElectionPolicy(1, REPLICAS, false);
        PartitionState initial = PartitionState.initial(REPLICAS);

        assertThat(policy.phase()).isEqualTo(ElectionPhase.IDLE);
        assertThat(policy.shouldBeInLatch(initial, ALL)).isTrue();
        assertThat(policy.phase()).isEqualTo(ElectionPhase.QUEUED);
        assertThat(policy.winLatch()).isTrue();
        assertThat(policy.phase()).isEqualTo(ElectionPhase.ELECTING);
        policy.becomeLeader(policy.electedState(initial, ALL).orElseThrow());

        assertThat(policy.phase()).isEqualTo(ElectionPhase.LEADING);
        assertThat(policy.epoch()).isZero();
    }

    @Test
    void deposedLeaderStepsDownLeavesFollowsAndRejoins() {
        ElectionPolicy policy = leading(1, PartitionState.initial(REPLICAS), ALL);
        PartitionState newer = new PartitionState(2, 1, REPLICAS, false);

        assertThat(policy.isConfirmedBy(newer)).isFalse();
        assertThat(policy.stepDown()).isTrue();
        policy.leftLatch();

        assertThat(policy.phase()).isEqualTo(ElectionPhase.IDLE);
        assertThat(policy.follow(newer)).contains(new ElectionPolicy.Follow(2, 1));
        assertThat(policy.shouldBeInLatch(newer, ALL)).isTrue();
        assertThat(policy.phase()).isEqualTo(ElectionPhase.QUEUED);
    }

    @Test
    void suspendedLeaderStaysQueuedAndLostSessionLeavesUntilStateIsReadAgain() {
        ElectionPolicy policy = leading(1, PartitionState.initial(REPLICAS), ALL);

        assertThat(policy.stepDown()).isTrue();
        assertThat(policy.phase()).isEqualTo(ElectionPhase.QUEUED);
        policy.leftLatch();
        assertThat(policy.phase()).isEqualTo(ElectionPhase.IDLE);
        assertThat(policy.shouldBeInLatch(new PartitionState(1, 0, REPLICAS, false), ALL)).isTrue();
        assertThat(policy.phase()).isEqualTo(ElectionPhase.QUEUED);
    }

    @Test
    void latchLostDuringTheElectionWriteMeansTheWriteIsNotTakenAsLeadership() {
        ElectionPolicy policy = new ElectionPolicy(1, REPLICAS, false);
        policy.shouldBeInLatch(PartitionState.initial(REPLICAS), ALL);
        policy.winLatch();
        PartitionState elected = policy.electedState(PartitionState.initial(REPLICAS), ALL).orElseThrow();

        assertThat(policy.loseLatch()).as("nothing to step down from").isFalse();

        assertThat(policy.phase()).isEqualTo(ElectionPhase.QUEUED);
        assertThatThrownBy(() -> policy.becomeLeader(elected)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void leaderThatLosesTheLatchMustStepDown() {
        assertThat(leading(1, PartitionState.initial(REPLICAS), ALL).loseLatch()).isTrue();
    }

    /** Was LeaderElectionIT's second half of replicaOutsideTheIsrNeverJoinsTheLatchNorLeads (waited 1 s). */
    @Test
    void replicaOutsideTheIsrStaysOutOfTheLatchWhenEveryIsrMemberIsGone() {
        ElectionPolicy outsider = new ElectionPolicy(3, REPLICAS, false);
        PartitionState isrGone = new PartitionState(2, 6, List.of(1, 2), false);

        assertThat(outsider.shouldBeInLatch(isrGone, Set.of(3))).isFalse();
        assertThat(outsider.phase()).isEqualTo(ElectionPhase.IDLE);
        assertThat(outsider.winLatch()).as("a stray latch win starts no election").isFalse();
        assertThat(outsider.electedState(isrGone, Set.of(3))).isEmpty();
        assertThat(outsider.follow(isrGone)).contains(new ElectionPolicy.Follow(2, 6));
    }

    @Test
    void outsiderWithUncleanElectionLeadsAloneOnceNoIsrMemberIsRegistered() {
        ElectionPolicy outsider = new ElectionPolicy(3, REPLICAS, true);
        PartitionState isrGone = new PartitionState(2, 6, List.of(1, 2), false);

        assertThat(outsider.shouldBeInLatch(isrGone, Set.of(2, 3))).isFalse();
        assertThat(outsider.shouldBeInLatch(isrGone, Set.of(3))).isTrue();
        assertThat(outsider.winLatch()).isTrue();
        outsider.becomeLeader(outsider.electedState(isrGone, Set.of(3)).orElseThrow());

        assertThat(outsider.isLeader()).isTrue();
        assertThat(outsider.epoch()).isEqualTo(7);
    }

    @Test
    void aTopicTurningUncleanElectionOnOrOffChangesWhetherAnOutsiderMayLead() {
        ElectionPolicy outsider = new ElectionPolicy(3, REPLICAS, false);
        PartitionState isrGone = new PartitionState(2, 6, List.of(1, 2), false);
        assertThat(outsider.shouldBeInLatch(isrGone, Set.of(3))).isFalse();

        outsider.setUncleanEnabled(true);
        assertThat(outsider.shouldBeInLatch(isrGone, Set.of(3))).isTrue();
        outsider.setUncleanEnabled(false);
        assertThat(outsider.shouldBeInLatch(isrGone, Set.of(3))).isFalse();
        assertThat(outsider.phase()).isEqualTo(ElectionPhase.IDLE);
    }

    /** Was LeaderElectionIT.aRebalanceLeavesTheLeaderAloneWhileThePreferredReplicaIsOutOfTheIsr (5 × 200 ms sleeps). */
    @Test
    void rebalanceRoundsLeaveEveryoneInPlaceWhileThePreferredReplicaIsOutOfTheIsr() {
        PartitionState successorLeads = new PartitionState(2, 1, List.of(2, 3), false);
        ElectionPolicy preferred = new ElectionPolicy(1, REPLICAS, false);
        ElectionPolicy successor = leading(2, new PartitionState(NO_LEADER, 0, List.of(2, 3), false), Set.of(2, 3));
        ElectionPolicy follower = new ElectionPolicy(3, REPLICAS, false);
        follower.shouldBeInLatch(successorLeads, ALL);

        for (int round = 0; round < 5; round++) {
            assertThat(preferred.shouldBeInLatch(successorLeads, ALL)).isFalse();
            assertThat(successor.shouldMakeWayForPreferred(successorLeads, ALL, true)).isFalse();
            assertThat(follower.shouldMakeWayForPreferred(successorLeads, ALL, true)).isFalse();
        }

        assertThat(successor.isLeader()).isTrue();
        assertThat(successor.epoch()).isEqualTo(1);
        assertThat(preferred.phase()).isEqualTo(ElectionPhase.IDLE);
    }

    @Test
    void onceBackInTheIsrThePreferredReplicaQueuesAndTheLeaderHandsOverAfterTheFollowerRequeues() {
        PartitionState allBack = new PartitionState(2, 1, REPLICAS, false);
        ElectionPolicy preferred = new ElectionPolicy(1, REPLICAS, false);
        ElectionPolicy successor = leading(2, new PartitionState(NO_LEADER, 0, List.of(2, 3), false), Set.of(2, 3));
        ElectionPolicy follower = new ElectionPolicy(3, REPLICAS, false);
        follower.shouldBeInLatch(allBack, ALL);

        assertThat(preferred.shouldBeInLatch(allBack, ALL)).isTrue();
        assertThat(preferred.eligibleReplicasAhead(allBack, ALL)).isZero();
        assertThat(successor.shouldMakeWayForPreferred(allBack, ALL, true)).isTrue();
        assertThat(successor.moveFor(List.of(2, 3, 1), 0)).isEqualTo(Move.RECHECK);
        assertThat(follower.moveFor(List.of(2, 3, 1), 0)).isEqualTo(Move.REQUEUE);
        assertThat(successor.moveFor(List.of(2, 1, 3), 1)).isEqualTo(Move.STEP_DOWN);
    }

    @Test
    void resignedLeaderStepsDownOnceAndNeverQueuesAgain() {
        ElectionPolicy policy = leading(1, PartitionState.initial(REPLICAS), ALL);

        assertThat(policy.resign()).isTrue();
        assertThat(policy.resign()).isFalse();

        assertThat(policy.phase()).isEqualTo(ElectionPhase.RESIGNED);
        assertThat(policy.shouldBeInLatch(new PartitionState(2, 1, REPLICAS, false), ALL)).isFalse();
        assertThat(policy.follow(new PartitionState(2, 1, REPLICAS, false))).contains(new ElectionPolicy.Follow(2, 1));
        policy.close();
        assertThat(policy.phase()).isEqualTo(ElectionPhase.CLOSED);
    }
}
