package io.ferrymq.client.producer.internals;

import io.ferrymq.client.common.internals.ErrorMapping;
import io.ferrymq.client.common.internals.EventQueue;
import io.ferrymq.common.errors.ErrorCode;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the idempotent producer its id and epoch (InitProducerId) whenever the
 * {@link IdempotenceManager} needs one: lazily before the first batch is sent, and after the epoch
 * is exhausted. A retriable failure is retried after {@code retry.backoff.ms}; brokers without the
 * API ({@code UNKNOWN_API_KEY}, {@code UNSUPPORTED_VERSION}) turn idempotence off when it was only a
 * default, and any other failure is fatal to the producer.
 *
 * <p>Confined to the producer's I/O thread: the answer is handed over through its {@link EventQueue}.
 */
final class ProducerIdInitializer {

    private static final Logger LOG = LoggerFactory.getLogger(ProducerIdInitializer.class);

    private final IdempotenceManager idempotence;
    private final ProducerIdSource source;
    private final EventQueue events;
    private final Clock clock;
    private final long retryBackoffMs;
    private long nextAttemptMs;

    ProducerIdInitializer(IdempotenceManager idempotence, ProducerIdSource source, EventQueue events, Clock clock,
                          long retryBackoffMs) {
        this.idempotence = idempotence;
        this.source = source;
        this.events = events;
        this.clock = clock;
        this.retryBackoffMs = retryBackoffMs;
    }

    /** Sends InitProducerId if one is needed, records wait and the backoff has passed; returns ms until the next try. */
    long maybeInit(boolean hasRecords, long nowMs) {
        if (idempotence.state() != IdempotenceManager.State.UNINITIALIZED || !hasRecords) {
            return Long.MAX_VALUE;
        }
        if (nowMs < nextAttemptMs) {
            return nextAttemptMs - nowMs;
        }
        Optional<ProducerIdAndEpoch> current = idempotence.beginInit();
        source.initProducerId(current).whenComplete((producer, error) -> events.post(() -> completed(producer, error)));
        return Long.MAX_VALUE;
    }

    private void completed(ProducerIdAndEpoch producer, Throwable error) {
        if (idempotence.state() != IdempotenceManager.State.INITIALIZING) {
            return;
        }
        if (error == null) {
            LOG.debug("Producer id and epoch {}", producer);
            idempotence.initCompleted(producer);
            return;
        }
        ErrorCode code = ErrorMapping.codeOf(error);
        boolean unsupported = code == ErrorCode.UNKNOWN_API_KEY || code == ErrorCode.UNSUPPORTED_VERSION;
        if (unsupported && !idempotence.isRequired() && idempotence.producerIdAndEpoch().isEmpty()) {
            LOG.warn("The brokers do not hand out producer ids ({}); sending without idempotence", code);
            idempotence.disable();
        } else if (code.isRetriable()) {
            LOG.debug("InitProducerId failed, retrying in {} ms", retryBackoffMs, error);
            idempotence.initFailed();
            nextAttemptMs = clock.millis() + retryBackoffMs;
        } else {
            idempotence.fail(code.exception("Cannot get a producer id for the idempotent producer: "
                    + error.getMessage()));
        }
    }
}
