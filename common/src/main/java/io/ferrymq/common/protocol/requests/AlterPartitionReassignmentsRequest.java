package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Start, replace or cancel partition reassignments (Kafka's AlterPartitionReassignments): each
 * partition with its target replicas (the first is the preferred leader), or empty to cancel the
 * reassignment in progress. The broker answers once the request is recorded; the replicas move
 * afterwards. Immutable.
 */
public record AlterPartitionReassignmentsRequest(List<PartitionTarget> partitions, int timeoutMs)
        implements ApiRequest {

    public AlterPartitionReassignmentsRequest {
        partitions = List.copyOf(partitions);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.ALTER_PARTITION_REASSIGNMENTS;
    }

    /** One partition's target replicas; empty cancels. */
    public record PartitionTarget(TopicPartition partition, Optional<List<Integer>> replicas) {
        public PartitionTarget {
            Objects.requireNonNull(partition, "partition");
            replicas = replicas.map(List::copyOf);
        }
    }
}
