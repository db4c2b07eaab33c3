package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import java.util.List;
import java.util.Objects;

/** Per partition: committed, or why not. Immutable. */
public record OffsetCommitResponse(List<PartitionResponse> partitions) implements ApiResponse {

    public OffsetCommitResponse {
        partitions = List.copyOf(partitions);
    }

    public record PartitionResponse(TopicPartition topicPartition, ErrorCode error) {
        public PartitionResponse {
            Objects.requireNonNull(topicPartition, "topicPartition");
            Objects.requireNonNull(error, "error");
        }
    }
}
