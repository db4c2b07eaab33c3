package io.ferrymq.client.producer.internals;

/**
 * An idempotent producer's identity as a broker handed it out (InitProducerId): the id, unique in
 * the cluster, and the epoch, raised to fence older incarnations and to restart sequences
 * (KIP-360). Immutable.
 */
public record ProducerIdAndEpoch(long producerId, short epoch) {

    public ProducerIdAndEpoch {
        if (producerId < 0 || epoch < 0) {
            throw new IllegalArgumentException("producer id and epoch must be >= 0: " + producerId + "/" + epoch);
        }
    }

    /** True when the epoch cannot be raised any further and a fresh id is needed. */
    public boolean isEpochExhausted() {
        return epoch == Short.MAX_VALUE;
    }

    /** The same id with the next epoch; see {@link #isEpochExhausted()}. */
    public ProducerIdAndEpoch bumpEpoch() {
        if (isEpochExhausted()) {
            throw new IllegalStateException("epoch of producer " + producerId + " is exhausted");
        }
        return new ProducerIdAndEpoch(producerId, (short) (epoch + 1));
    }

    @Override
    public String toString() {
        return producerId + "/" + epoch;
    }
}
