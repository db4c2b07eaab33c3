package io.ferrymq.coordinator.producer;

import java.util.Optional;

/**
 * A producer's identity as an idempotent producer holds it: the id and its epoch, both {@code >= 0}.
 * Immutable and thread-safe.
 */
public record ProducerIdAndEpoch(long producerId, short epoch) {

    public ProducerIdAndEpoch {
        if (producerId < 0 || epoch < 0) {
            throw new IllegalArgumentException("producer id " + producerId + " epoch " + epoch
                    + ": both must be >= 0");
        }
    }

    /** The same id with the next epoch (KIP-360), or empty when the epoch is already {@link Short#MAX_VALUE}. */
    public Optional<ProducerIdAndEpoch> bumpEpoch() {
        return epoch == Short.MAX_VALUE ? Optional.empty()
                : Optional.of(new ProducerIdAndEpoch(producerId, (short) (epoch + 1)));
    }
}
