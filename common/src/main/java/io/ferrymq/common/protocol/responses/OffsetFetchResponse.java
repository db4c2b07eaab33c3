package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiResponse;
import java.util.List;
import java.util.Objects;

/**
 * Per requested group, in request order: a group-level error (e.g. NOT_COORDINATOR), or its committed
 * offsets: per partition the offset ({@link #NO_OFFSET} when none is committed), its leader epoch (-1
 * unknown) and metadata. Immutable.
 */
public record OffsetFetchResponse(List<GroupOffsets> groups) implements ApiResponse {

    public static final long NO_OFFSET = -1L;

    public OffsetFetchResponse {
        groups = List.copyOf(groups);
    }

    /** The answer for {@code groupId}, or UNKNOWN_SERVER_ERROR when the response lacks it. */
    public GroupOffsets group(String groupId) {
        return groups.stream().filter(g -> g.groupId().equals(groupId)).findFirst()
                .orElseGet(() -> new GroupOffsets(groupId, ErrorCode.UNKNOWN_SERVER_ERROR, List.of()));
    }

    public record GroupOffsets(String groupId, ErrorCode error, List<PartitionResponse> partitions) {
        public GroupOffsets {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(error, "error");
            partitions = List.copyOf(partitions);
        }
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
