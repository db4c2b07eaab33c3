package io.ferrymq.broker.partition;

import io.ferrymq.common.record.CompressionType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of one hosted partition replica: the local broker id, the assigned replicas
 * (preferred leader first), the effective {@code min.insync.replicas} (topic override or broker
 * default), {@code replica.lag.time.max.ms} and the topic's codec ({@code compression.type}; empty
 * for {@code producer}, which keeps the producer's).
 *
 * <p>Immutable value.
 */
public record PartitionConfig(int localBrokerId, List<Integer> replicas, int minInsyncReplicas, long replicaLagTimeMaxMs,
                              Optional<CompressionType> compression) {

    /** A replica that keeps the producer's codec. */
    public PartitionConfig(int localBrokerId, List<Integer> replicas, int minInsyncReplicas, long replicaLagTimeMaxMs) {
        this(localBrokerId, replicas, minInsyncReplicas, replicaLagTimeMaxMs, Optional.empty());
    }

    public PartitionConfig {
        replicas = List.copyOf(Objects.requireNonNull(replicas, "replicas"));
        Objects.requireNonNull(compression, "compression");
        if (!replicas.contains(localBrokerId)) {
            throw new IllegalArgumentException("broker " + localBrokerId + " is not among the replicas " + replicas);
        }
        if (minInsyncReplicas < 1) {
            throw new IllegalArgumentException("min.insync.replicas must be >= 1, was " + minInsyncReplicas);
        }
    }
}
