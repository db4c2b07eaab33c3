package io.ferrymq.broker.partition;

import java.util.List;
import java.util.Set;

/**
 * An ISR change a leader proposes at {@code leaderEpoch}: the new ISR and the replicas leaving or
 * joining it. It takes effect only after the conditional ZooKeeper write succeeded and
 * {@link Partition#applyIsr} was called.
 *
 * <p>Immutable value.
 */
public record IsrChange(int leaderEpoch, List<Integer> newIsr, Set<Integer> removed, Set<Integer> added) {

    public IsrChange {
        newIsr = List.copyOf(newIsr);
        removed = Set.copyOf(removed);
        added = Set.copyOf(added);
    }

    public boolean isShrink() {
        return !removed.isEmpty();
    }
}
