package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.List;
import java.util.Objects;

/**
 * Ask a leader, per partition, for the end offset of {@code leaderEpoch} in its log (the largest
 * epoch &lt;= the requested one and the start offset of the next), so a follower can truncate a
 * divergent tail. {@code currentLeaderEpoch} fences stale senders. Immutable.
 */
public record OffsetsForLeaderEpochRequest(int replicaId, List<PartitionData> partitions) implements ApiRequest {

    public OffsetsForLeaderEpochRequest {
        partitions = List.copyOf(partitions);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.OFFSETS_FOR_LEADER_EPOCH;
    }

    public record PartitionData(TopicPartition topicPartition, int currentLeaderEpoch, int leaderEpoch) {
        public PartitionData {
            Objects.requireNonNull(topicPartition, "topicPartition");
        }
    }
}
