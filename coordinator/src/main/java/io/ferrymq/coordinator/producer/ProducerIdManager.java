package io.ferrymq.coordinator.producer;

import java.util.Optional;

/**
 * One broker's producer ids: hands out the ids of the block it holds in order, and claims the next
 * block from the {@link ProducerIdStore} when that one is used up (on the calling thread: one store
 * round trip per {@link ProducerIdBlocks#BLOCK_SIZE} ids). Ids of a block unused when the broker
 * stops are never handed out, as in Kafka. Since blocks never overlap, no two managers in the
 * cluster hand out the same id.
 *
 * <p>Thread-safe: the block and the next id are guarded by {@code this}, so callers wait for a
 * claim in progress instead of claiming a block each.
 */
public final class ProducerIdManager {

    private final int brokerId;
    private final ProducerIdStore store;
    private Optional<ProducerIdBlock> block = Optional.empty();
    private long nextId;

    public ProducerIdManager(int brokerId, ProducerIdStore store) {
        this.brokerId = brokerId;
        this.store = store;
    }

    /**
     * The identity to grant an idempotent producer: for one holding {@code current}, the same id with
     * the next epoch; for a new producer, or when the epoch cannot grow, a fresh id with epoch 0.
     */
    public ProducerIdAndEpoch grant(Optional<ProducerIdAndEpoch> current) {
        return current.flatMap(ProducerIdAndEpoch::bumpEpoch)
                .orElseGet(() -> new ProducerIdAndEpoch(nextProducerId(), (short) 0));
    }

    /** An id no other call on any broker returned. Throws {@code CoordinatorException} when no block can be claimed. */
    public synchronized long nextProducerId() {
        if (block.isEmpty() || nextId > block.get().lastId()) {
            ProducerIdBlock claimed = store.claimNextBlock(brokerId);
            block = Optional.of(claimed);
            nextId = claimed.firstId();
        }
        return nextId++;
    }
}
