package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import java.util.List;
import java.util.Objects;

/**
 * Per partition: the largest epoch &lt;= the requested one that the leader knows, and its end offset
 * (the start offset of the next epoch, or the log end offset for the current one); -1/-1 when the
 * leader has no such epoch. Immutable.
 */
public record OffsetsForLeaderEpochResponse(List<PartitionResponse> partitions) implements ApiResponse {

    public OffsetsForLeaderEpochResponse {
        partitions = List.copyOf(partitions);
    }

    public record PartitionResponse(TopicPartition topicPartition, ErrorCode error, int leaderEpoch, long endOffset) {
        public PartitionResponse {
            Objects.requireNonNull(topicPartition, "topicPartition");
            Objects.requireNonNull(error, "error");
        }
    }
}
