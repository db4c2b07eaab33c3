package io.ferrymq.client.consumer.internals;

import io.ferrymq.client.common.errors.TimeoutException;
import io.ferrymq.client.common.errors.WakeupException;
import io.ferrymq.client.common.internals.EventQueue;
import io.ferrymq.client.common.internals.MetadataRefresher;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Drives the consumer's network from its own thread: waits for response events (never longer
 * than the deadline, the next metadata refresh or the retry backoff), keeps metadata fresh, and
 * turns {@link #wakeup()} from another thread into a {@link WakeupException} at the next check.
 *
 * <p>{@link #wakeup()} is thread-safe; everything else belongs to the consumer's thread.
 */
public final class ConsumerNetwork {

    private final EventQueue events;
    private final MetadataRefresher refresher;
    private final Clock clock;
    private final long retryBackoffMs;
    private final AtomicBoolean wakeupRequested = new AtomicBoolean();

    public ConsumerNetwork(EventQueue events, MetadataRefresher refresher, Clock clock, long retryBackoffMs) {
        this.events = events;
        this.refresher = refresher;
        this.clock = clock;
        this.retryBackoffMs = retryBackoffMs;
    }

    /** Runs queued events without waiting. */
    public void runPending() {
        events.runPending();
    }

    /** Refreshes metadata if due, then waits up to {@code deadlineMs} (or the backoff) for events and runs them. */
    public void pollEvents(long deadlineMs) {
        long nowMs = clock.millis();
        long metadataWait = refresher.maybeUpdate(nowMs);
        events.awaitAndRun(Math.min(deadlineMs - nowMs, Math.min(metadataWait, Math.max(1, retryBackoffMs))));
    }

    /**
     * Drives events until {@code done} is true, running {@code eachRound} before each wait.
     *
     * @throws TimeoutException naming {@code what} when {@code timeoutMs} passes first
     */
    public void awaitCondition(BooleanSupplier done, long timeoutMs, String what, Runnable eachRound) {
        long deadline = clock.millis() + timeoutMs;
        while (!done.getAsBoolean()) {
            maybeThrowWakeup();
            if (clock.millis() >= deadline) {
                throw new TimeoutException("Timeout of " + timeoutMs + " ms expired before " + what
                        + " could be determined");
            }
            eachRound.run();
            pollEvents(deadline);
        }
    }

    /** Drives events for {@code ms} (a backoff that still processes responses). */
    public void sleep(long ms) {
        long deadline = clock.millis() + ms;
        while (clock.millis() < deadline) {
            maybeThrowWakeup();
            pollEvents(deadline);
        }
    }

    public void wakeup() {
        wakeupRequested.set(true);
        events.wakeup();
    }

    /** Throws (once) if {@link #wakeup()} was called since the last check. */
    public void maybeThrowWakeup() {
        if (wakeupRequested.compareAndSet(true, false)) {
            throw new WakeupException();
        }
    }
}
