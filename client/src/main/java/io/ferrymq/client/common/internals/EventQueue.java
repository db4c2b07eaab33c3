package io.ferrymq.client.common.internals;

import io.ferrymq.client.common.errors.InterruptException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands work from network threads to a client's own thread: completions are posted as events and
 * run by the owning thread in {@link #runPending()} or {@link #awaitAndRun(long)}. {@link #wakeup()}
 * ends a wait early.
 *
 * <p>{@code post} and {@code wakeup} are thread-safe; running events is for the owning thread only.
 */
public final class EventQueue {

    private static final Runnable WAKEUP = () -> { };

    private final LinkedBlockingQueue<Runnable> events = new LinkedBlockingQueue<>();

    public void post(Runnable event) {
        events.add(event);
    }

    public void wakeup() {
        events.offer(WAKEUP);
    }

    /** Runs every queued event; returns how many there were. */
    public int runPending() {
        int count = 0;
        Runnable event;
        while ((event = events.poll()) != null) {
            event.run();
            count++;
        }
        return count;
    }

    /** Waits up to {@code maxWaitMs} for an event, then runs it and all queued after it. */
    public void awaitAndRun(long maxWaitMs) {
        if (maxWaitMs > 0 && events.isEmpty()) {
            try {
                Runnable event = events.poll(maxWaitMs, TimeUnit.MILLISECONDS);
                if (event != null) {
                    event.run();
                }
            } catch (InterruptedException e) {
                throw new InterruptException("Interrupted while waiting for a broker response", e);
            }
        }
        runPending();
    }
}
