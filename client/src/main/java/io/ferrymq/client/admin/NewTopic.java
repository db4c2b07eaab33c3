package io.ferrymq.client.admin;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A topic to create: its name, either counts or an explicit replica assignment, and topic config
 * overrides. With counts, an empty partition count or replication factor means the broker's
 * {@code num.partitions} / {@code default.replication.factor}. A non-empty
 * {@code replicaAssignment} (partition → broker ids, preferred leader first, as Kafka's
 * {@code NewTopic(name, replicasAssignments)}) excludes both counts; the broker checks it and
 * refuses a bad one with {@code INVALID_REPLICA_ASSIGNMENT}. Immutable.
 */
public record NewTopic(String name, OptionalInt numPartitions, Optional<Short> replicationFactor,
                       Map<String, String> configs, Map<Integer, List<Integer>> replicaAssignment) {

    public NewTopic {
        Objects.requireNonNull(name, "name");
        configs = Map.copyOf(configs);
        TreeMap<Integer, List<Integer>> copy = new TreeMap<>();
        replicaAssignment.forEach((partition, replicas) -> copy.put(partition, List.copyOf(replicas)));
        replicaAssignment = Collections.unmodifiableMap(copy);
        if (!replicaAssignment.isEmpty() && (numPartitions.isPresent() || replicationFactor.isPresent())) {
            throw new IllegalArgumentException("topic " + name
                    + ": a replica assignment excludes a partition count and a replication factor");
        }
    }

    public NewTopic(String name, OptionalInt numPartitions, Optional<Short> replicationFactor,
                    Map<String, String> configs) {
        this(name, numPartitions, replicationFactor, configs, Map.of());
    }

    public NewTopic(String name, int numPartitions, short replicationFactor) {
        this(name, OptionalInt.of(numPartitions), Optional.of(replicationFactor), Map.of());
    }

    /** Exactly these replicas: partition → broker ids, the first the preferred leader. */
    public NewTopic(String name, Map<Integer, List<Integer>> replicaAssignment) {
        this(name, OptionalInt.empty(), Optional.empty(), Map.of(), replicaAssignment);
    }

    public NewTopic withConfigs(Map<String, String> overrides) {
        return new NewTopic(name, numPartitions, replicationFactor, overrides, replicaAssignment);
    }
}
