package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.List;
import java.util.Objects;

/**
 * Find an offset per partition: the log start ({@link #EARLIEST_TIMESTAMP}), the end (the high
 * watermark for consumers, {@link #LATEST_TIMESTAMP}), the first record with the largest timestamp
 * ({@link #MAX_TIMESTAMP}, Kafka's KIP-734) or the first offset whose timestamp is at or after a time
 * in milliseconds. Immutable.
 */
public record ListOffsetsRequest(int replicaId, List<PartitionData> partitions) implements ApiRequest {

    public static final long EARLIEST_TIMESTAMP = -2L;
    public static final long LATEST_TIMESTAMP = -1L;
    public static final long MAX_TIMESTAMP = -3L;

    public ListOffsetsRequest {
        partitions = List.copyOf(partitions);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.LIST_OFFSETS;
    }

    public record PartitionData(TopicPartition topicPartition, long timestamp, int currentLeaderEpoch) {
        public PartitionData {
            Objects.requireNonNull(topicPartition, "topicPartition");
        }
    }
}
