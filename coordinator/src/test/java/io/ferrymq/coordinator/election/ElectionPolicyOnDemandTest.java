package io.ferrymq.coordinator.election;

import io.ferrymq.common.ElectionType;
import static io.ferrymq.coordinator.metadata.PartitionState.NO_LEADER;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.coordinator.metadata.PartitionState;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules of on-demand elections (ElectLeaders): refusals, outcomes and the one-shot unclean permission. */
class ElectionPolicyOnDemandTest {

    private static final List<Integer> REPLICAS = List.of(1, 2, 3);
    private static final Set<Integer> ALL = Set.of(1, 2, 3);

    private static PartitionState state(int leader, List<Integer> isr) {
        return new PartitionState(leader, 4, isr, false);
    }

    private static Optional<ErrorCode> refusal(ElectionType type, PartitionState state, Set<Integer> live) {
        return ElectionPolicy.refusal(type, state, REPLICAS, live).map(ElectionResult::error);
    }

    @Test
    void preferredElectionIsNotNeededWhenThePreferredReplicaLeads() {
        assertThat(refusal(ElectionType.PREFERRED, state(1, REPLICAS), ALL)).contains(ErrorCode.ELECTION_NOT_NEEDED);
    }

    @Test
    void preferredLeaderIsNotAvailableWhenOutOfTheIsrOrUnregistered() {
        assertThat(refusal(ElectionType.PREFERRED, state(2, List.of(2, 3)), ALL))
                .contains(ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE);
        assertThat(refusal(ElectionType.PREFERRED, state(2, REPLICAS), Set.of(2, 3)))
                .contains(ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE);
    }

    @Test
    void preferredElectionRunsWhenThePreferredReplicaIsLiveInTheIsrAndNotLeading() {
        assertThat(refusal(ElectionType.PREFERRED, state(2, REPLICAS), ALL)).isEmpty();
        assertThat(refusal(ElectionType.PREFERRED, state(NO_LEADER, REPLICAS), ALL)).isEmpty();
    }

    @Test
    void uncleanElectionIsNotNeededWhenThePartitionHasARegisteredLeader() {
        assertThat(refusal(ElectionType.UNCLEAN, state(2, List.of(2)), ALL)).contains(ErrorCode.ELECTION_NOT_NEEDED);
        assertThat(refusal(ElectionType.UNCLEAN, state(2, List.of(2)), Set.of(3))).isEmpty();
    }

    @Test
    void preferredReplicaRecordedAsLeaderButGoneIsNotAvailable() {
        assertThat(refusal(ElectionType.PREFERRED, state(1, List.of(1)), Set.of(2, 3)))
                .contains(ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE);
    }

    @Test
    void uncleanElectionNeedsSomeRegisteredReplica() {
        assertThat(refusal(ElectionType.UNCLEAN, state(NO_LEADER, List.of(1)), Set.of()))
                .contains(ErrorCode.ELIGIBLE_LEADERS_NOT_AVAILABLE);
        assertThat(refusal(ElectionType.UNCLEAN, state(NO_LEADER, List.of(1)), Set.of(3))).isEmpty();
    }

    @Test
    void electedMeansPreferredLeadsOrARegisteredLeaderForUnclean() {
        assertThat(ElectionPolicy.isElected(ElectionType.PREFERRED, state(2, REPLICAS), REPLICAS, ALL)).isFalse();
        assertThat(ElectionPolicy.isElected(ElectionType.PREFERRED, state(1, REPLICAS), REPLICAS, ALL)).isTrue();
        assertThat(ElectionPolicy.isElected(ElectionType.UNCLEAN, state(NO_LEADER, List.of(1)), REPLICAS, ALL)).isFalse();
        assertThat(ElectionPolicy.isElected(ElectionType.UNCLEAN, state(1, List.of(1)), REPLICAS, Set.of(3))).isFalse();
        assertThat(ElectionPolicy.isElected(ElectionType.UNCLEAN, state(3, List.of(3)), REPLICAS, Set.of(3))).isTrue();
    }

    @Test
    void outOfIsrReplicaMayLeadUncleanlyOnceWhenAllowedAndNoIsrMemberIsRegistered() {
        ElectionPolicy policy = new ElectionPolicy(3, REPLICAS, false);
        PartitionState leaderless = state(NO_LEADER, List.of(1));
        assertThat(policy.isEligible(leaderless, Set.of(3))).isFalse();

        policy.allowUncleanOnce();

        assertThat(policy.isEligible(leaderless, Set.of(1, 3))).isFalse();
        assertThat(policy.shouldBeInLatch(leaderless, Set.of(3))).isTrue();
        assertThat(policy.winLatch()).isTrue();
        PartitionState elected = policy.electedState(leaderless, Set.of(3)).orElseThrow();
        assertThat(elected).isEqualTo(new PartitionState(3, 5, List.of(3), true));
        policy.becomeLeader(elected);
        assertThat(policy.isUncleanArmed()).isFalse();
    }

    @Test
    void uncleanPermissionGrantsNothingOnceAnotherReplicaLeadsAndEndsWhenTheRequestGoes() {
        ElectionPolicy other = new ElectionPolicy(2, REPLICAS, false);
        other.allowUncleanOnce();
        PartitionState elsewhere = new PartitionState(3, 5, List.of(3), true);
        other.follow(elsewhere);
        assertThat(other.isEligible(elsewhere, Set.of(2, 3))).isFalse();

        ElectionPolicy withdrawn = new ElectionPolicy(2, REPLICAS, false);
        withdrawn.allowUncleanOnce();
        withdrawn.disarmUnclean();
        assertThat(withdrawn.isEligible(state(NO_LEADER, List.of(1)), Set.of(2))).isFalse();
    }

    @Test
    void electionRequestRoundTripsThroughJson() {
        ElectionRequest request = new ElectionRequest(ElectionType.UNCLEAN,
                List.of(new TopicPartition("orders", 0), new TopicPartition("orders", 2)));

        assertThat(ElectionRequest.fromJson("test", request.toJson())).isEqualTo(request);
        assertThat(ElectionType.forName("Preferred")).contains(ElectionType.PREFERRED);
        assertThat(ElectionType.forValue((byte) 1)).contains(ElectionType.UNCLEAN);
    }
}
