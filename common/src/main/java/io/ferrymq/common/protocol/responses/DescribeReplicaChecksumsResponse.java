package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiResponse;
import java.util.List;
import java.util.Objects;

/**
 * Per partition: the answering broker's replica state and the CRC-32C of its log bytes over whole
 * batches in {@code [logStartOffset, upToOffset)}. {@code upToOffset} is where the covered batches
 * end (at most the requested offset; equal to it when the request falls on a batch boundary, as a
 * high watermark does), so two replicas are comparable when their {@code logStartOffset} and
 * {@code upToOffset} agree. Errors per partition: {@code NOT_LEADER_OR_FOLLOWER} when the broker
 * hosts no replica, {@code OFFSET_OUT_OF_RANGE} when its log ends before the requested offset.
 * Immutable.
 */
public record DescribeReplicaChecksumsResponse(List<PartitionChecksum> partitions) implements ApiResponse {

    public DescribeReplicaChecksumsResponse {
        partitions = List.copyOf(partitions);
    }

    public record PartitionChecksum(TopicPartition topicPartition, ErrorCode error, String errorMessage,
                                    boolean leader, int leaderEpoch, long highWatermark, long logEndOffset,
                                    long logStartOffset, long upToOffset, long checksum) {
        public PartitionChecksum {
            Objects.requireNonNull(topicPartition, "topicPartition");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(errorMessage, "errorMessage");
        }

        /** An answer carrying only an error. */
        public static PartitionChecksum failed(TopicPartition tp, ErrorCode error, String message) {
            return new PartitionChecksum(tp, error, message, false, -1, -1L, -1L, -1L, -1L, 0L);
        }
    }
}
