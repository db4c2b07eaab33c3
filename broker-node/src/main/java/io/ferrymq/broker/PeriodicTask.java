package io.ferrymq.broker;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one action every {@code interval} on a named daemon thread of its own, so a slow action
 * (a client call waiting on a dead broker) delays only itself. A failing run is logged and the
 * next one runs on time. Thread-safe; {@link #close()} interrupts and joins the thread (the
 * actions do network I/O only, never file writes, so an interrupt is harmless).
 */
public final class PeriodicTask implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicTask.class);

    private final Thread thread;
    private volatile boolean running = true;

    private PeriodicTask(String name, Runnable action, Duration interval) {
        this.thread = new Thread(() -> loop(name, action, interval), name);
        thread.setDaemon(true);
    }

    /** Starts the thread {@code name}; the first run is at once. */
    public static PeriodicTask start(String name, Runnable action, Duration interval) {
        PeriodicTask task = new PeriodicTask(name, action, interval);
        task.thread.start();
        return task;
    }

    private void loop(String name, Runnable action, Duration interval) {
        while (running) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed", name, e);
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
