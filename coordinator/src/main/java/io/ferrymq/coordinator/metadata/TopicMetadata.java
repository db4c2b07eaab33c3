package io.ferrymq.coordinator.metadata;

import io.ferrymq.common.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A topic as stored in {@code /topics/<topic>}: its replica assignment (partition → broker ids,
 * the first being the preferred leader), its config overrides, and the reassignments in progress
 * (partition → {@link PartitionReassignment}; while one runs, the partition's replicas are the full
 * set, target first). Partitions are numbered {@code 0..partitionCount()-1}. Immutable and thread-safe.
 */
public record TopicMetadata(String name, Map<Integer, List<Integer>> assignment, Map<String, String> configs,
                            Map<Integer, PartitionReassignment> reassignments) {

    /** A topic with no reassignment in progress. */
    public TopicMetadata(String name, Map<Integer, List<Integer>> assignment, Map<String, String> configs) {
        this(name, assignment, configs, Map.of());
    }

    public TopicMetadata {
        Objects.requireNonNull(name, "name");
        TreeMap<Integer, List<Integer>> sorted = new TreeMap<>();
        assignment.forEach((p, replicas) -> sorted.put(p, List.copyOf(replicas)));
        for (int p = 0; p < sorted.size(); p++) {
            if (!sorted.containsKey(p)) {
                throw new IllegalArgumentException("topic " + name + ": partitions must be numbered 0.."
                        + (sorted.size() - 1) + ", got " + sorted.keySet());
            }
        }
        assignment = java.util.Collections.unmodifiableMap(sorted);
        configs = Map.copyOf(configs);
        reassignments = java.util.Collections.unmodifiableMap(new TreeMap<>(reassignments));
        for (int p : reassignments.keySet()) {
            if (!assignment.containsKey(p)) {
                throw new IllegalArgumentException("topic " + name + ": reassignment of unknown partition " + p);
            }
        }
    }

    /** The reassignment of one partition in progress, if any. */
    public java.util.Optional<PartitionReassignment> reassignment(int partition) {
        return java.util.Optional.ofNullable(reassignments.get(partition));
    }

    /** One partition's assignment with its reassignment, as {@link ReassignmentPolicy} reads it. */
    public ReassignmentPolicy.Assignment assignmentOf(int partition) {
        return new ReassignmentPolicy.Assignment(replicas(partition), reassignment(partition));
    }

    public int partitionCount() {
        return assignment.size();
    }

    /** The replicas of one partition, preferred leader first; empty when the partition does not exist. */
    public List<Integer> replicas(int partition) {
        return assignment.getOrDefault(partition, List.of());
    }

    /** The replica count of partition 0 (its target's while it is being reassigned). */
    public int replicationFactor() {
        return assignment.isEmpty() ? 0 : ReassignmentPolicy.target(assignmentOf(0)).size();
    }

    public List<TopicPartition> partitions() {
        List<TopicPartition> out = new ArrayList<>(assignment.size());
        for (int p : assignment.keySet()) {
            out.add(new TopicPartition(name, p));
        }
        return out;
    }

    /** The partitions with a replica on the given broker. */
    public List<TopicPartition> partitionsOn(int brokerId) {
        List<TopicPartition> out = new ArrayList<>();
        assignment.forEach((p, replicas) -> {
            if (replicas.contains(brokerId)) {
                out.add(new TopicPartition(name, p));
            }
        });
        return out;
    }
}
