package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import java.util.List;
import java.util.Objects;

/**
 * A group's committed offsets: per partition the offset ({@link #NO_OFFSET} when none is committed),
 * its leader epoch (-1 unknown) and metadata; a group-level error (e.g. NOT_COORDINATOR). Immutable.
 */
public record OffsetFetchResponse(ErrorCode error, List<PartitionResponse> partitions) implements ApiResponse {

    public static final long NO_OFFSET = -1L;

    public OffsetFetchResponse {
        Objects.requireNonNull(error, "error");
        partitions = List.copyOf(partitions);
    }

    public record PartitionResponse(TopicPartition topicPartition, ErrorCode error, long offset, int leaderEpoch,
            String metadata) {
        public PartitionResponse {
            Objects.requireNonNull(topicPartition, "topicPartition");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(metadata, "metadata");
        }
    }
}
