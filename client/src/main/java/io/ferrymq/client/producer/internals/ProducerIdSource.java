package io.ferrymq.client.producer.internals;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where the producer's I/O thread gets its producer id and epoch (Kafka's InitProducerId): with
 * no {@code current} a fresh id with epoch 0; with the current one, the same id with the next
 * epoch, or a fresh id when that epoch is exhausted. The future fails with an
 * {@link ApiException} carrying the broker's code. Implementations complete the future on any
 * thread and are thread-safe.
 */
@FunctionalInterface
public interface ProducerIdSource {

    CompletableFuture<ProducerIdAndEpoch> initProducerId(Optional<ProducerIdAndEpoch> current);

    /** A source for brokers that do not serve InitProducerId: every call fails with {@code UNKNOWN_API_KEY}. */
    static ProducerIdSource unsupported() {
        return current -> CompletableFuture.failedFuture(
                new ApiException(ErrorCode.UNKNOWN_API_KEY, "InitProducerId is not available to this producer"));
    }
}
