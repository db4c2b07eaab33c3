package io.ferrymq.coordinator.metadata;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A request to create a topic: name, config overrides, and either counts (partitions and
 * replication factor; replicas are then assigned over the live brokers) or an explicit
 * {@code assignment} (partition → broker ids, preferred leader first, written as given once
 * {@link ReplicaAssignmentValidator} accepted it), in which case both counts are -1. Immutable.
 */
public record NewTopic(String name, int partitions, int replicationFactor, Map<String, String> configs,
                       Map<Integer, List<Integer>> assignment) {

    public NewTopic {
        Objects.requireNonNull(name, "name");
        configs = Map.copyOf(Objects.requireNonNull(configs, "configs"));
        TreeMap<Integer, List<Integer>> copy = new TreeMap<>();
        assignment.forEach((partition, replicas) -> copy.put(partition, List.copyOf(replicas)));
        assignment = Collections.unmodifiableMap(copy);
        if (!assignment.isEmpty() && (partitions != -1 || replicationFactor != -1)) {
            throw new IllegalArgumentException("topic " + name
                    + ": an explicit assignment needs partitions and replication factor of -1");
        }
    }

    /** Counts; the replicas are assigned over the live brokers. */
    public NewTopic(String name, int partitions, int replicationFactor, Map<String, String> configs) {
        this(name, partitions, replicationFactor, configs, Map.of());
    }

    /** Exactly these replicas (partition → broker ids, preferred leader first). */
    public static NewTopic withAssignment(String name, Map<Integer, List<Integer>> assignment,
                                          Map<String, String> configs) {
        if (assignment.isEmpty()) {
            throw new IllegalArgumentException("topic " + name + ": an explicit assignment needs a partition");
        }
        return new NewTopic(name, -1, -1, configs, assignment);
    }

    public boolean hasExplicitAssignment() {
        return !assignment.isEmpty();
    }
}
