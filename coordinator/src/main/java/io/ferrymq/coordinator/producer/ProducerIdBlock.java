package io.ferrymq.coordinator.producer;

/**
 * The producer ids {@code firstId..lastId} (both inclusive) that broker {@code brokerId} claimed and
 * alone hands out. Invariant: {@code 0 <= firstId <= lastId}. Immutable and thread-safe.
 */
public record ProducerIdBlock(int brokerId, long firstId, long lastId) {

    public ProducerIdBlock {
        if (firstId < 0 || lastId < firstId) {
            throw new IllegalArgumentException("invalid producer id block " + firstId + ".." + lastId);
        }
    }

    /** How many ids the block holds. */
    public long size() {
        return lastId - firstId + 1;
    }
}
