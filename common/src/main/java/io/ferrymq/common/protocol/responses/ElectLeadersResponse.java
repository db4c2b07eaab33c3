package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiResponse;
import java.util.List;
import java.util.Objects;

/**
 * Per partition: elected ({@code NONE}) or why not ({@code ELECTION_NOT_NEEDED},
 * {@code PREFERRED_LEADER_NOT_AVAILABLE}, {@code ELIGIBLE_LEADERS_NOT_AVAILABLE},
 * {@code REQUEST_TIMED_OUT}, {@code UNKNOWN_TOPIC_OR_PARTITION}, ...); {@code error} is a
 * whole-request error (e.g. authorization). Immutable.
 */
public record ElectLeadersResponse(ErrorCode error, List<PartitionResult> partitions) implements ApiResponse {

    public ElectLeadersResponse {
        Objects.requireNonNull(error, "error");
        partitions = List.copyOf(partitions);
    }

    public record PartitionResult(TopicPartition partition, ErrorCode error, String errorMessage) {
        public PartitionResult {
            Objects.requireNonNull(partition, "partition");
            Objects.requireNonNull(error, "error");
            errorMessage = errorMessage == null ? "" : errorMessage;
        }
    }
}
