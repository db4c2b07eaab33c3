package io.ferrymq.coordinator.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplicaAssignmentValidatorTest {

    private static final Set<Integer> BROKERS = Set.of(0, 1, 2);

    @Test
    void aValidAssignmentReturnsItsReplicationFactor() {
        assertThat(ReplicaAssignmentValidator.validate(Map.of(0, List.of(2, 0), 1, List.of(0, 1), 2, List.of(1, 2)),
                BROKERS)).isEqualTo(2);
        assertThat(ReplicaAssignmentValidator.validate(Map.of(0, List.of(0), 1, List.of(0)), BROKERS)).isEqualTo(1);
    }

    @Test
    void partitionsMustBeNumberedFromZeroWithoutGaps() {
        assertInvalid(Map.of(0, List.of(0), 2, List.of(1)), "numbered 0..1 without gaps, got [0, 2]");
        assertInvalid(Map.of(1, List.of(0)), "numbered 0..0 without gaps, got [1]");
        assertInvalid(Map.of(-1, List.of(0), 0, List.of(1)), "got [-1, 0]");
        assertInvalid(Map.of(), "no partitions");
    }

    @Test
    void everyPartitionNeedsTheSameNonZeroReplicaCount() {
        assertInvalid(Map.of(0, List.of(0, 1), 1, List.of(2)), "partition 1 has 1 replicas [2] but partition 0 has 2");
        assertInvalid(Map.of(0, List.of()), "partition 0 has no replicas");
    }

    @Test
    void aBrokerMayAppearOnlyOncePerPartition() {
        assertInvalid(Map.of(0, List.of(0, 1), 1, List.of(2, 2)), "partition 1 lists a broker more than once: [2, 2]");
    }

    @Test
    void everyBrokerMustBeRegistered() {
        assertInvalid(Map.of(0, List.of(0, 7), 1, List.of(5, 1), 2, List.of(-1, 2)),
                "unknown broker(s) [-1, 5, 7] in the replica assignment; registered brokers are [0, 1, 2]");
    }

    @Test
    void creationRequestsWithAnAssignmentAreCheckedByTheTopicValidator() {
        NewTopic pinned = NewTopic.withAssignment("t", Map.of(0, List.of(1)), Map.of("min.insync.replicas", "2"));
        assertThatThrownBy(() -> TopicValidator.validateNewTopic(pinned, BROKERS))
                .isInstanceOf(ApiException.class).hasMessageContaining("replication factor 1");
        NewTopic unknown = NewTopic.withAssignment("t", Map.of(0, List.of(9)), Map.of());
        assertThatThrownBy(() -> TopicValidator.validateNewTopic(unknown, BROKERS))
                .satisfies(e -> assertThat(((ApiException) e).error()).isEqualTo(ErrorCode.INVALID_REPLICA_ASSIGNMENT));
        assertThat(TopicValidator.validateNewTopic(NewTopic.withAssignment("t",
                Map.of(0, List.of(2, 1, 0)), Map.of()), BROKERS)).isEqualTo(3);
        assertThatThrownBy(() -> new NewTopic("t", 2, -1, Map.of(), Map.of(0, List.of(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    private static void assertInvalid(Map<Integer, List<Integer>> assignment, String messagePart) {
        assertThatThrownBy(() -> ReplicaAssignmentValidator.validate(assignment, BROKERS))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> assertThat(((ApiException) e).error()).isEqualTo(ErrorCode.INVALID_REPLICA_ASSIGNMENT));
    }
}
