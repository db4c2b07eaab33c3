package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.List;
import java.util.Objects;

/**
 * Commit offsets for a group. A member sends its {@code generationId} and {@code memberId} (an old
 * generation is refused with ILLEGAL_GENERATION); tools that reset an empty group send
 * {@link #NO_GENERATION} and an empty member id. {@code leaderEpoch} is -1 when unknown. Immutable.
 */
public record OffsetCommitRequest(String groupId, int generationId, String memberId, List<PartitionData> partitions)
        implements ApiRequest {

    public static final int NO_GENERATION = -1;

    public OffsetCommitRequest {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
        partitions = List.copyOf(partitions);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.OFFSET_COMMIT;
    }

    public record PartitionData(TopicPartition topicPartition, long offset, int leaderEpoch, String metadata) {
        public PartitionData {
            Objects.requireNonNull(topicPartition, "topicPartition");
            Objects.requireNonNull(metadata, "metadata");
        }
    }
}
