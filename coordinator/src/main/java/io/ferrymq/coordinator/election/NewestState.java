package io.ferrymq.coordinator.election;

import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.metadata.Versioned;
import java.util.Optional;

/**
 * The newest partition {@code state} one elector has seen, whichever way it came: its own read of
 * the znode, its own election write, or a change the broker's metadata cache saw. A state at an
 * older znode version than the one held is refused, so an elector never acts on an older state
 * than it has seen, although its reads and the cache's events reach the election thread by
 * different paths. The same version again is taken (a znode version names one content), so a
 * re-read after a lost election write or a failed latch is looked at again. After the partition's
 * znode is gone everything is forgotten: a re-created partition starts again at version 0.
 *
 * <p>Not thread-safe: confined to the broker's election thread, like its owner {@link ZkLeaderElector}.
 */
final class NewestState {

    private Versioned<PartitionState> newest;

    /** Takes {@code seen} unless an older version than the one held; returns whether it was taken. */
    boolean offer(Versioned<PartitionState> seen) {
        if (newest != null && seen.version() < newest.version()) {
            return false;
        }
        newest = seen;
        return true;
    }

    Optional<Versioned<PartitionState>> get() {
        return Optional.ofNullable(newest);
    }

    /** The partition's {@code state} znode is gone. */
    void forget() {
        newest = null;
    }
}
