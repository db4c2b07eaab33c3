package io.ferrymq.broker.partition;

import java.util.List;
import java.util.Objects;

/**
 * The settings of one hosted partition replica: the local broker id, the assigned replicas
 * (preferred leader first), the effective {@code min.insync.replicas} (topic override or broker
 * default) and {@code replica.lag.time.max.ms}.
 *
 * <p>Immutable value.
 */
public record PartitionConfig(int localBrokerId, List<Integer> replicas, int minInsyncReplicas, long replicaLagTimeMaxMs) {

    public PartitionConfig {
        replicas = List.copyOf(Objects.requireNonNull(replicas, "replicas"));
        if (!replicas.contains(localBrokerId)) {
            throw new IllegalArgumentException("broker " + localBrokerId + " is not among the replicas " + replicas);
        }
        if (minInsyncReplicas < 1) {
            throw new IllegalArgumentException("min.insync.replicas must be >= 1, was " + minInsyncReplicas);
        }
    }
}
