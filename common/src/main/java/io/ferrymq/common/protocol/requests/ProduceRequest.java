package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.RecordSource;
import java.util.List;
import java.util.Objects;

/**
 * Append record batches to partition logs. {@code acks}: 0 (no response is sent), 1 (answer after
 * the leader's append) or -1 (all in-sync replicas). Each partition's batches travel as raw bytes
 * beside the body, in the order of {@code partitions}. Immutable.
 */
public record ProduceRequest(short acks, int timeoutMs, List<PartitionData> partitions) implements ApiRequest {

    public ProduceRequest {
        partitions = List.copyOf(partitions);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.PRODUCE;
    }

    /** One partition's batches (Kafka record batch v2, concatenated). */
    public record PartitionData(TopicPartition topicPartition, RecordSource records) {
        public PartitionData {
            Objects.requireNonNull(topicPartition, "topicPartition");
            Objects.requireNonNull(records, "records");
        }
    }
}
