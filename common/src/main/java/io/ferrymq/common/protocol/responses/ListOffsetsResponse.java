package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import java.util.List;
import java.util.Objects;

/**
 * Per partition: the offset found (-1 when no record is at or after the requested time), the
 * timestamp of that record (-1 for earliest/latest) and the leader epoch of that offset. Immutable.
 */
public record ListOffsetsResponse(List<PartitionResponse> partitions) implements ApiResponse {

    public ListOffsetsResponse {
        partitions = List.copyOf(partitions);
    }

    public record PartitionResponse(TopicPartition topicPartition, ErrorCode error, long timestamp, long offset,
            int leaderEpoch) {
        public PartitionResponse {
            Objects.requireNonNull(topicPartition, "topicPartition");
            Objects.requireNonNull(error, "error");
        }
    }
}
