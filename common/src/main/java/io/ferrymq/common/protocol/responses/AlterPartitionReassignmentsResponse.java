package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiResponse;
import java.util.List;
import java.util.Objects;

/**
 * Per partition: recorded ({@code NONE}) or why not ({@code UNKNOWN_TOPIC_OR_PARTITION},
 * {@code INVALID_REPLICA_ASSIGNMENT}, {@code NO_REASSIGNMENT_IN_PROGRESS}, ...); {@code error} is a
 * whole-request error (e.g. authorization). Immutable.
 */
public record AlterPartitionReassignmentsResponse(ErrorCode error, String errorMessage, List<PartitionResult> partitions)
        implements ApiResponse {

    public AlterPartitionReassignmentsResponse {
        Objects.requireNonNull(error, "error");
        errorMessage = errorMessage == null ? "" : errorMessage;
        partitions = List.copyOf(partitions);
    }

    /** One partition's answer. */
    public record PartitionResult(TopicPartition partition, ErrorCode error, String errorMessage) {
        public PartitionResult {
            Objects.requireNonNull(partition, "partition");
            Objects.requireNonNull(error, "error");
            errorMessage = errorMessage == null ? "" : errorMessage;
        }
    }
}
