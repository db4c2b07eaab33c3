package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.BrokerNode;
import io.ferrymq.common.errors.ErrorCode;
import java.util.List;
import java.util.Objects;

/**
 * Live brokers and, per requested topic, its partitions with leader (-1 = none), leader epoch,
 * replicas, ISR and offline replicas; errors per topic and per partition. Immutable.
 */
public record MetadataResponse(List<BrokerNode> brokers, String clusterId, List<TopicMetadata> topics)
        implements ApiResponse {

    public MetadataResponse {
        brokers = List.copyOf(brokers);
        Objects.requireNonNull(clusterId, "clusterId");
        topics = List.copyOf(topics);
    }

    public record TopicMetadata(ErrorCode error, String name, List<PartitionMetadata> partitions) {
        public TopicMetadata {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(name, "name");
            partitions = List.copyOf(partitions);
        }
    }

    public record PartitionMetadata(ErrorCode error, int partition, int leaderId, int leaderEpoch,
            List<Integer> replicas, List<Integer> isr, List<Integer> offlineReplicas) {
        public static final int NO_LEADER = -1;

        public PartitionMetadata {
            Objects.requireNonNull(error, "error");
            replicas = List.copyOf(replicas);
            isr = List.copyOf(isr);
            offlineReplicas = List.copyOf(offlineReplicas);
        }
    }
}
