package io.ferrymq.coordinator.isr;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.metadata.MetadataStore;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.metadata.PartitionStateConflictException;
import io.ferrymq.coordinator.metadata.Versioned;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a partition leader changes the ISR (DESIGN.md rule 4): a conditional write fenced by the
 * leader's identity and epoch and by the znode version. A conflict means someone else changed the
 * partition; the caller re-reads ({@link PartitionStateConflictException#current()}) and steps
 * down at once if it was deposed. Stateless apart from the store; thread-safe.
 */
public final class IsrUpdater {

    private final MetadataStore store;
    private final int brokerId;

    public IsrUpdater(MetadataStore store, int brokerId) {
        this.store = Objects.requireNonNull(store, "store");
        this.brokerId = brokerId;
    }

    /**
     * Writes {@code newIsr} if the znode is still at {@code expected.version()} and this broker is
     * still its leader at {@code expected.value().leaderEpoch()}.
     *
     * @return the written state and its new version (keep it for the next update)
     * @throws PartitionStateConflictException when the version or leadership moved on
     * @throws IllegalArgumentException when {@code newIsr} leaves out the leader
     */
    public Versioned<PartitionState> updateIsr(TopicPartition partition, Versioned<PartitionState> expected,
                                               List<Integer> newIsr) {
        requireLeaderIn(partition, newIsr);
        PartitionState current = expected.value();
        if (current.leader() != brokerId) {
            throw new PartitionStateConflictException(partition, "broker " + brokerId
                    + " is not the leader in the expected state", Optional.of(expected));
        }
        return store.updatePartitionState(partition, current.withIsr(newIsr), expected.version());
    }

    /**
     * Reads the state and writes {@code newIsr} if this broker still leads at {@code leaderEpoch}.
     *
     * @throws PartitionStateConflictException when deposed, or when the znode changed between read and write
     */
    public Versioned<PartitionState> updateIsr(TopicPartition partition, int leaderEpoch, List<Integer> newIsr) {
        requireLeaderIn(partition, newIsr);
        Optional<Versioned<PartitionState>> read = store.partitionState(partition);
        if (read.isEmpty()) {
            throw new PartitionStateConflictException(partition, "partition no longer exists", read);
        }
        PartitionState current = read.get().value();
        if (current.leader() != brokerId || current.leaderEpoch() != leaderEpoch) {
            throw new PartitionStateConflictException(partition, "broker " + brokerId + " no longer leads at epoch "
                    + leaderEpoch, read);
        }
        return store.updatePartitionState(partition, current.withIsr(newIsr), read.get().version());
    }

    private void requireLeaderIn(TopicPartition partition, List<Integer> newIsr) {
        if (!newIsr.contains(brokerId)) {
            throw new IllegalArgumentException(partition + ": new ISR " + newIsr + " must contain the leader " + brokerId);
        }
    }
}
