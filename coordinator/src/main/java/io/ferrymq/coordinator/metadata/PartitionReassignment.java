package io.ferrymq.coordinator.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A partition reassignment in progress, as Kafka keeps it in the topic znode
 * ({@code adding_replicas} / {@code removing_replicas}): the replicas being added (in the target,
 * not in the original assignment) and those being removed (in the original, not in the target).
 * While it runs, the partition's assignment is the full set, target first then the removing
 * replicas, so {@link #target} and {@link #original} can be read back from it. Immutable.
 */
public record PartitionReassignment(List<Integer> adding, List<Integer> removing) {

    public PartitionReassignment {
        adding = List.copyOf(Objects.requireNonNull(adding, "adding"));
        removing = List.copyOf(Objects.requireNonNull(removing, "removing"));
        if (adding.isEmpty() && removing.isEmpty()) {
            throw new IllegalArgumentException("a reassignment adds or removes at least one replica");
        }
    }

    /** The target replicas: the full assignment without the removing ones, in its order. */
    public List<Integer> target(List<Integer> fullAssignment) {
        return fullAssignment.stream().filter(r -> !removing.contains(r)).toList();
    }

    /** The replicas before the reassignment: the full assignment without the adding ones (order kept). */
    public List<Integer> original(List<Integer> fullAssignment) {
        return fullAssignment.stream().filter(r -> !adding.contains(r)).toList();
    }

    /** The full assignment while reassigning {@code original} to {@code target}: target, then the removing replicas. */
    static List<Integer> fullAssignment(List<Integer> target, List<Integer> removing) {
        List<Integer> full = new ArrayList<>(target);
        full.addAll(removing);
        return List.copyOf(full);
    }
}
