package io.ferrymq.coordinator.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.coordinator.metadata.ReassignmentPolicy.Assignment;
import io.ferrymq.coordinator.metadata.ReassignmentPolicy.Phase;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReassignmentPolicyTest {

    private static final Set<Integer> LIVE = Set.of(1, 2, 3, 4);

    private static Assignment plain(Integer... replicas) {
        return new Assignment(List.of(replicas), Optional.empty());
    }

    private static PartitionState led(int leader, Integer... isr) {
        return new PartitionState(leader, 3, List.of(isr), false);
    }

    @Test
    void reassignWritesTargetThenRemovingAsTheFullSet() {
        Assignment moving = ReassignmentPolicy.reassign(plain(1, 2), List.of(3, 2), LIVE);

        assertThat(moving.replicas()).containsExactly(3, 2, 1);
        assertThat(moving.reassignment()).contains(new PartitionReassignment(List.of(3), List.of(1)));
        assertThat(ReassignmentPolicy.target(moving)).containsExactly(3, 2);
        assertThat(ReassignmentPolicy.original(moving)).containsExactly(2, 1);
    }

    @Test
    void raisingTheReplicationFactorOnlyAdds() {
        Assignment raised = ReassignmentPolicy.reassign(plain(1, 2), List.of(1, 2, 3), LIVE);

        assertThat(raised.replicas()).containsExactly(1, 2, 3);
        assertThat(raised.reassignment()).contains(new PartitionReassignment(List.of(3), List.of()));
    }

    @Test
    void loweringTheReplicationFactorOnlyRemoves() {
        Assignment lowered = ReassignmentPolicy.reassign(plain(1, 2, 3), List.of(2, 3), LIVE);

        assertThat(lowered.replicas()).containsExactly(2, 3, 1);
        assertThat(lowered.reassignment()).contains(new PartitionReassignment(List.of(), List.of(1)));
        assertThat(ReassignmentPolicy.complete(lowered)).isEqualTo(plain(2, 3));
    }

    @Test
    void aTargetWithTheSameReplicasOnlyReorders() {
        assertThat(ReassignmentPolicy.reassign(plain(1, 2), List.of(2, 1), LIVE)).isEqualTo(plain(2, 1));
    }

    @Test
    void aNewTargetDuringAReassignmentStartsFromTheOriginalReplicas() {
        Assignment first = ReassignmentPolicy.reassign(plain(1, 2), List.of(3, 4), LIVE);
        Assignment second = ReassignmentPolicy.reassign(first, List.of(1, 4), LIVE);

        assertThat(second.replicas()).containsExactly(1, 4, 2);
        assertThat(second.reassignment()).contains(new PartitionReassignment(List.of(4), List.of(2)));
    }

    @Test
    void cancelRestoresTheOriginalReplicas() {
        Assignment moving = ReassignmentPolicy.reassign(plain(1, 2, 3), List.of(4, 2, 3), LIVE);

        assertThat(ReassignmentPolicy.cancel(moving)).isEqualTo(plain(2, 3, 1));
        assertThat(ReassignmentPolicy.cancel(ReassignmentPolicy.reassign(plain(1, 2), List.of(1, 2, 3), LIVE)))
                .isEqualTo(plain(1, 2));
    }

    @Test
    void cancelWithoutAReassignmentIsRefused() {
        assertThatThrownBy(() -> ReassignmentPolicy.cancel(plain(1, 2)))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.NO_REASSIGNMENT_IN_PROGRESS));
    }

    @Test
    void invalidTargetsAreRefused() {
        for (List<Integer> target : List.of(List.<Integer>of(), List.of(1, 1), List.of(1, 9))) {
            assertThatThrownBy(() -> ReassignmentPolicy.reassign(plain(1, 2), target, LIVE))
                    .as("target %s", target)
                    .isInstanceOfSatisfying(ApiException.class,
                            e -> assertThat(e.error()).isEqualTo(ErrorCode.INVALID_REPLICA_ASSIGNMENT));
        }
    }

    @Test
    void phasesFollowTheIsrAndTheAssignment() {
        Assignment moving = ReassignmentPolicy.reassign(plain(1, 2), List.of(3, 2), LIVE);

        assertThat(ReassignmentPolicy.phase(moving, led(1, 1, 2))).isEqualTo(Phase.CATCHING_UP);
        assertThat(ReassignmentPolicy.phase(moving, led(1, 1, 2, 3))).isEqualTo(Phase.READY);
        Assignment done = ReassignmentPolicy.complete(moving);
        assertThat(done).isEqualTo(plain(3, 2));
        assertThat(ReassignmentPolicy.phase(done, led(1, 1, 2, 3))).isEqualTo(Phase.CLEANING_UP);
        assertThat(ReassignmentPolicy.phase(done, led(1, 2, 3))).isEqualTo(Phase.CLEANING_UP);
        assertThat(ReassignmentPolicy.phase(done, led(3, 2, 3))).isEqualTo(Phase.NONE);
    }

    @Test
    void onlyTheLeaderCompletesAndOnlyWhenEveryTargetIsInTheIsr() {
        Assignment moving = ReassignmentPolicy.reassign(plain(1, 2), List.of(3, 2), LIVE);

        assertThat(ReassignmentPolicy.shouldComplete(1, moving, led(1, 1, 2, 3))).isTrue();
        assertThat(ReassignmentPolicy.shouldComplete(2, moving, led(1, 1, 2, 3))).isFalse();
        assertThat(ReassignmentPolicy.shouldComplete(1, moving, led(1, 1, 2))).isFalse();
        assertThat(ReassignmentPolicy.shouldComplete(1, plain(1, 2), led(1, 1, 2))).isFalse();
    }

    @Test
    void theTopicZnodeCarriesKafkasReassignmentFields() {
        TopicMetadata topic = new TopicMetadata("t", java.util.Map.of(0, List.of(3, 2, 1), 1, List.of(1, 2)),
                java.util.Map.of(), java.util.Map.of(0, new PartitionReassignment(List.of(3), List.of(1))));

        byte[] json = io.ferrymq.common.json.Json.bytes(TopicCodec.toJson(topic));

        assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8)).contains(
                "\"adding_replicas\":{\"0\":[3]},\"removing_replicas\":{\"0\":[1]}");
        assertThat(TopicCodec.fromJson("t", io.ferrymq.common.json.Json.parseObject("/topics/t", json))).isEqualTo(topic);
    }
}
