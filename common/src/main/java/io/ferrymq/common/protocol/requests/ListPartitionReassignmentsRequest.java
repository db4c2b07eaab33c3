package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.List;

/**
 * The partition reassignments in progress (Kafka's ListPartitionReassignments): of every partition
 * when {@code allPartitions}, else of {@code partitions}. Immutable.
 */
public record ListPartitionReassignmentsRequest(boolean allPartitions, List<TopicPartition> partitions)
        implements ApiRequest {

    public ListPartitionReassignmentsRequest {
        partitions = List.copyOf(partitions);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.LIST_PARTITION_REASSIGNMENTS;
    }
}
