package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiResponse;
import java.util.List;
import java.util.Objects;

/**
 * The reassignments in progress: per partition its full replica set (target first, then the
 * replicas being removed) and Kafka's adding and removing replicas. Immutable.
 */
public record ListPartitionReassignmentsResponse(ErrorCode error, String errorMessage,
                                                 List<OngoingReassignment> reassignments) implements ApiResponse {

    public ListPartitionReassignmentsResponse {
        Objects.requireNonNull(error, "error");
        errorMessage = errorMessage == null ? "" : errorMessage;
        reassignments = List.copyOf(reassignments);
    }

    /** One partition being reassigned. */
    public record OngoingReassignment(TopicPartition partition, List<Integer> replicas, List<Integer> addingReplicas,
                                      List<Integer> removingReplicas) {
        public OngoingReassignment {
            Objects.requireNonNull(partition, "partition");
            replicas = List.copyOf(replicas);
            addingReplicas = List.copyOf(addingReplicas);
            removingReplicas = List.copyOf(removingReplicas);
        }
    }
}
