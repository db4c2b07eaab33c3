package io.ferrymq.coordinator.election;

import static io.ferrymq.coordinator.metadata.PartitionState.NO_LEADER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.coordinator.metadata.PartitionState;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ElectionPolicyTest {

    private static final List<Integer> REPLICAS = List.of(1, 2, 3);
    private static final Set<Integer> ALL = Set.of(1, 2, 3);

    private static PartitionState state(int leader, int epoch, List<Integer> isr) {
        return new PartitionState(leader, epoch, isr, false);
    }

    /** A policy of {@code self} that won the election on {@code state}. */
    static ElectionPolicy leading(int self, PartitionState state, Set<Integer> live) {
        ElectionPolicy policy = new ElectionPolicy(self, REPLICAS, false);
        assertThat(policy.shouldBeInLatch(state, live)).isTrue();
        assertThat(policy.winLatch()).isTrue();
        policy.becomeLeader(policy.electedState(state, live).orElseThrow());
        return policy;
    }

    @Test
    void replicaInTheIsrIsEligible() {
        assertThat(new ElectionPolicy(3, REPLICAS, false).isEligible(state(1, 0, List.of(1, 3)), Set.of(3))).isTrue();
    }

    @Test
    void replicaOutsideTheIsrIsNotEligibleWhileAnIsrMemberIsRegistered() {
        PartitionState state = state(1, 0, List.of(1, 2));

        assertThat(new ElectionPolicy(3, REPLICAS, false).isEligible(state, ALL)).isFalse();
        assertThat(new ElectionPolicy(3, REPLICAS, true).isEligible(state, Set.of(2, 3))).isFalse();
    }

    @Test
    void replicaOutsideTheIsrIsEligibleWithNoRegisteredIsrMemberOnlyWhenUncleanElectionIsEnabled() {
        PartitionState state = state(1, 0, List.of(1, 2));

        assertThat(new ElectionPolicy(3, REPLICAS, false).isEligible(state, Set.of(3))).isFalse();
        assertThat(new ElectionPolicy(3, REPLICAS, true).isEligible(state, Set.of(3))).isTrue();
    }

    @Test
    void resignedOrClosedReplicaIsNeverEligible() {
        ElectionPolicy resigned = new ElectionPolicy(1, REPLICAS, true);
        resigned.resign();
        ElectionPolicy closed = new ElectionPolicy(1, REPLICAS, true);
        closed.close();

        assertThat(resigned.isEligible(state(NO_LEADER, 0, REPLICAS), ALL)).isFalse();
        assertThat(closed.isEligible(state(NO_LEADER, 0, REPLICAS), ALL)).isFalse();
    }

    /** A policy of {@code self} that joined the latch before, left it and is queued again on {@code state}. */
    private static ElectionPolicy rejoining(int self, List<Integer> replicas, PartitionState state, Set<Integer> live) {
        ElectionPolicy policy = new ElectionPolicy(self, replicas, false);
        assertThat(policy.shouldBeInLatch(state, live)).isTrue();
        policy.leftLatch();
        assertThat(policy.shouldBeInLatch(state, live)).isTrue();
        return policy;
    }

    @Test
    void replicasAheadAreTheEarlierAssignedOnesThatAreInTheIsrAndRegistered() {
        PartitionState initial = state(NO_LEADER, -1, REPLICAS);
        ElectionPolicy last = rejoining(3, REPLICAS, initial, ALL);

        assertThat(rejoining(1, REPLICAS, initial, ALL).eligibleReplicasAhead(initial, ALL)).isZero();
        assertThat(last.eligibleReplicasAhead(initial, ALL)).isEqualTo(2);
        assertThat(last.eligibleReplicasAhead(initial, Set.of(2, 3))).isEqualTo(1);
        assertThat(last.eligibleReplicasAhead(state(2, 3, List.of(2, 3)), ALL)).isEqualTo(1);
        assertThat(rejoining(3, List.of(2, 3, 1), initial, ALL).eligibleReplicasAhead(initial, ALL)).isEqualTo(1);
    }

    @Test
    void onItsFirstJoinAReplicaAlsoWaitsForIsrMembersAheadThatHaveNotRegisteredYet() {
        PartitionState beforeTheRestart = state(2, 7, List.of(1, 2, 3));
        ElectionPolicy last = new ElectionPolicy(3, REPLICAS, false);

        assertThat(last.shouldBeInLatch(beforeTheRestart, Set.of(3))).isTrue();
        assertThat(last.eligibleReplicasAhead(beforeTheRestart, Set.of(3))).isEqualTo(2);
        assertThat(last.eligibleReplicasAhead(state(2, 7, List.of(2, 3)), Set.of(3))).isEqualTo(1);

        last.leftLatch();
        assertThat(last.shouldBeInLatch(beforeTheRestart, Set.of(3))).isTrue();
        assertThat(last.eligibleReplicasAhead(beforeTheRestart, Set.of(3))).isZero();
    }

    @Test
    void anUncleanCandidateNeverWaitsForUnregisteredIsrMembers() {
        PartitionState isrDown = state(1, 4, List.of(1, 2));
        ElectionPolicy outsider = new ElectionPolicy(3, REPLICAS, true);

        assertThat(outsider.shouldBeInLatch(isrDown, Set.of(3))).isTrue();
        assertThat(outsider.eligibleReplicasAhead(isrDown, Set.of(3))).isZero();
    }

    @Test
    void electedStateBumpsTheEpochAndKeepsOnlyRegisteredIsrMembersAndItself() {
        ElectionPolicy policy = new ElectionPolicy(2, REPLICAS, false);

        assertThat(policy.electedState(state(1, 4, List.of(1, 2, 3)), Set.of(3)))
                .contains(new PartitionState(2, 5, List.of(2, 3), false));
    }

    @Test
    void firstElectionOfANewPartitionWritesEpochZero() {
        assertThat(new ElectionPolicy(1, REPLICAS, false).electedState(PartitionState.initial(REPLICAS), ALL))
                .contains(new PartitionState(1, 0, REPLICAS, false));
    }

    @Test
    void uncleanElectedStateHasThisReplicaAloneInTheIsrAndIsMarked() {
        ElectionPolicy policy = new ElectionPolicy(3, REPLICAS, true);

        assertThat(policy.electedState(state(1, 7, List.of(1, 2)), Set.of(3)))
                .contains(new PartitionState(3, 8, List.of(3), true));
    }

    @Test
    void noElectedStateForAReplicaThatMayNotLead() {
        PartitionState state = state(1, 7, List.of(1, 2));

        assertThat(new ElectionPolicy(3, REPLICAS, false).electedState(state, Set.of(3))).isEmpty();
        assertThat(new ElectionPolicy(3, REPLICAS, true).electedState(state, Set.of(2, 3))).isEmpty();
    }

    @Test
    void followerHearsOfEachLeaderAndEpochOnce() {
        ElectionPolicy policy = new ElectionPolicy(3, REPLICAS, false);

        assertThat(policy.follow(state(1, 0, REPLICAS))).contains(new ElectionPolicy.Follow(1, 0));
        assertThat(policy.follow(state(1, 0, List.of(1, 3)))).isEmpty();
        assertThat(policy.follow(state(2, 1, REPLICAS))).contains(new ElectionPolicy.Follow(2, 1));
        assertThat(policy.epoch()).isEqualTo(1);
    }

    @Test
    void stateNamingThisBrokerWhileItDoesNotLeadMeansNoKnownLeader() {
        ElectionPolicy policy = new ElectionPolicy(3, REPLICAS, false);

        assertThat(policy.follow(state(3, 4, REPLICAS))).contains(new ElectionPolicy.Follow(NO_LEADER, 4));
    }

    @Test
    void leaderIsConfirmedOnlyByItsOwnEpoch() {
        ElectionPolicy policy = leading(1, PartitionState.initial(REPLICAS), ALL);

        assertThat(policy.isConfirmedBy(state(1, 0, List.of(1, 2)))).isTrue();
        assertThat(policy.isConfirmedBy(state(1, 1, REPLICAS))).isFalse();
        assertThat(policy.isConfirmedBy(state(2, 0, REPLICAS))).isFalse();
    }

    @Test
    void leaderMustStepDownBeforeItLeavesOrFollows() {
        ElectionPolicy policy = leading(1, PartitionState.initial(REPLICAS), ALL);

        assertThatThrownBy(policy::leftLatch).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> policy.shouldBeInLatch(state(2, 1, REPLICAS), ALL)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> policy.follow(state(2, 1, REPLICAS))).isInstanceOf(IllegalStateException.class);
        assertThat(policy.isLeader()).isTrue();
    }

    @Test
    void steppedDownLeaderHearsOfTheNextLeaderButNotOfItsOwnOldEpochAgain() {
        ElectionPolicy policy = leading(1, state(NO_LEADER, 4, REPLICAS), ALL);

        assertThat(policy.stepDown()).isTrue();
        assertThat(policy.stepDown()).as("a second step-down does nothing").isFalse();

        assertThat(policy.epoch()).isEqualTo(5);
        assertThat(policy.follow(state(1, 5, REPLICAS))).isEmpty();
        assertThat(policy.follow(state(2, 6, REPLICAS))).contains(new ElectionPolicy.Follow(2, 6));
    }

    @Test
    void leaderRejectsAWrittenStateNamingAnotherBroker() {
        ElectionPolicy policy = new ElectionPolicy(1, REPLICAS, false);
        policy.shouldBeInLatch(PartitionState.initial(REPLICAS), ALL);
        policy.winLatch();

        assertThatThrownBy(() -> policy.becomeLeader(state(2, 0, REPLICAS))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void brokerOutsideTheAssignmentHasNoPolicy() {
        assertThatThrownBy(() -> new ElectionPolicy(4, REPLICAS, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
