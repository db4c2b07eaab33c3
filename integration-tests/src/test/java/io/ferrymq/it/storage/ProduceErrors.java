package io.ferrymq.it.storage;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.ferrymq.client.producer.internals.ProducerBatch;
import io.ferrymq.client.producer.internals.Sender;
import io.ferrymq.common.errors.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The produce errors an idempotent producer retries away without telling the application: every batch
 * the client's {@link Sender} re-enqueues after an error response (its "Retrying {batch} after {error}"
 * debug event; a sequence restart names the partition instead), and every produce request that failed
 * as a whole (no response), each with the time it
 * happened ({@link System#nanoTime()}). While attached, the sender's logger is at DEBUG and writes to this
 * capture only; {@link #close()} restores it. Thread-safe.
 */
final class ProduceErrors extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    /** One error: which partition (empty for a request that failed as a whole), which code, when. */
    record ProduceError(String partition, String error, long atNanos) {
    }

    private final Logger senderLog = (Logger) LoggerFactory.getLogger(Sender.class);
    private final Level previousLevel;
    private final boolean previousAdditive;
    private final List<ProduceError> errors = new ArrayList<>();

    private ProduceErrors() {
        previousLevel = senderLog.getLevel();
        previousAdditive = senderLog.isAdditive();
    }

    /** Starts capturing the producer client's errors from now on. */
    static ProduceErrors attach() {
        ProduceErrors capture = new ProduceErrors();
        capture.setContext(capture.senderLog.getLoggerContext());
        capture.setName("produce-errors");
        capture.start();
        capture.senderLog.addAppender(capture);
        capture.senderLog.setLevel(Level.DEBUG);
        capture.senderLog.setAdditive(false);
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        long now = System.nanoTime();
        Object[] args = event.getArgumentArray();
        if (args != null && args.length >= 2 && args[1] instanceof ErrorCode code) {
            Object subject = args[0] instanceof ProducerBatch batch ? batch.topicPartition() : args[0];
            add(new ProduceError(String.valueOf(subject), code.name(), now));
        } else if (event.getMessage().startsWith("Produce request to")) {
            String cause = event.getThrowableProxy() == null ? "?" : event.getThrowableProxy().getMessage();
            add(new ProduceError("", "request failed: " + cause, now));
        }
    }

    private synchronized void add(ProduceError error) {
        errors.add(error);
    }

    synchronized List<ProduceError> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void close() {
        senderLog.detachAppender(this);
        senderLog.setLevel(previousLevel);
        senderLog.setAdditive(previousAdditive);
        stop();
    }
}
