package io.ferrymq.tools.verify;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a {@link FaultInjector} on its own named thread: healthy for {@code interval}, a fault for
 * {@code faultDuration}, healed, and again, until {@link #stop} (which heals a fault in progress and
 * joins the thread). Every begin and end is logged with its time in the {@link #events} list.
 * Thread-safe.
 */
public final class FaultSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FaultSchedule.class);

    private final FaultInjector faults;
    private final Duration interval;
    private final Duration faultDuration;
    private final Clock clock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<String> events = new ArrayList<>();
    private final Thread thread;

    public FaultSchedule(FaultInjector faults, Duration interval, Duration faultDuration, Clock clock) {
        this.faults = faults;
        this.interval = interval;
        this.faultDuration = faultDuration;
        this.clock = clock;
        this.thread = new Thread(this::loop, "ferry-verify-faults");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void loop() {
        try {
            while (!waitStopped(interval)) {
                record(faults.begin());
                waitStopped(faultDuration);
                record(faults.end());
            }
        } catch (RuntimeException e) {
            LOG.error("fault injection failed", e);
            record("fault injection failed: " + e.getMessage());
        }
    }

    private boolean waitStopped(Duration time) {
        try {
            return stopped.await(time.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void record(String event) {
        LOG.info("fault: {}", event);
        synchronized (events) {
            events.add(clock.instant() + " " + event);
        }
    }

    /** What was injected and healed so far, each line prefixed with its instant. */
    public List<String> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Stops injecting, heals a fault in progress and waits for the thread (bounded by {@code timeout}). */
    public void stop(Duration timeout) {
        stopped.countDown();
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("fault thread still busy after {} ms", timeout.toMillis());
        }
    }

    @Override
    public void close() {
        stop(Duration.ofMinutes(2));
    }
}
