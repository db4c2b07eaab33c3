package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import java.util.List;
import java.util.Objects;

/**
 * Per-partition outcome of a Produce request: the offset given to the first record appended, or an
 * error with a message naming the reason. Immutable.
 */
public record ProduceResponse(List<PartitionResponse> partitions) implements ApiResponse {

    public ProduceResponse {
        partitions = List.copyOf(partitions);
    }

    /** Whether any partition reports an error. */
    public boolean hasErrors() {
        return partitions.stream().anyMatch(p -> p.error() != ErrorCode.NONE);
    }

    /** {@code logAppendTimeMs} is -1 unless the topic uses log-append time. */
    public record PartitionResponse(TopicPartition topicPartition, ErrorCode error, String errorMessage,
            long baseOffset, long logAppendTimeMs, long logStartOffset) {
        public PartitionResponse {
            Objects.requireNonNull(topicPartition, "topicPartition");
            Objects.requireNonNull(error, "error");
            errorMessage = errorMessage == null ? "" : errorMessage;
        }

        public static PartitionResponse error(TopicPartition topicPartition, ErrorCode error, String message) {
            return new PartitionResponse(topicPartition, error, message, -1L, -1L, -1L);
        }
    }
}
