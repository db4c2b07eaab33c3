package io.ferrymq.coordinator.metadata;

import io.ferrymq.common.TopicPartition;
import java.util.Optional;

/**
 * A conditional write of a partition's state lost: the znode's version (or the leader epoch the
 * writer expected) no longer matches, so someone else changed the partition. The caller re-reads
 * and, when it was deposed, steps down at once. Carries the state found, when it could be read.
 */
public class PartitionStateConflictException extends RuntimeException {

    private final TopicPartition partition;
    private final transient Optional<Versioned<PartitionState>> current;

    public PartitionStateConflictException(TopicPartition partition, String reason,
                                           Optional<Versioned<PartitionState>> current) {
        super("conditional write of " + partition + " state lost: " + reason
                + current.map(v -> "; current " + v.value() + " at version " + v.version()).orElse(""));
        this.partition = partition;
        this.current = current;
    }

    public TopicPartition partition() {
        return partition;
    }

    /** The state read after the conflict, if the partition still exists. */
    public Optional<Versioned<PartitionState>> current() {
        return current;
    }
}
