package io.ferrymq.tools.perf;

/**
 * Holds a sender to a target rate the way Kafka's {@code ThroughputThrottler} does: the caller asks
 * {@link #shouldThrottle} after each send and, when it is ahead of the target, calls
 * {@link #throttle}, which adds one send's worth of time ({@code 1/target} s) to a sleep deficit and
 * sleeps once the deficit reaches {@link #MIN_SLEEP_NS}, so that short sleeps are batched. A target
 * below zero never throttles; zero is refused (it would never send).
 *
 * <p>Not thread-safe: one sending thread owns it.
 */
public final class ThroughputThrottler {

    /** Sleeps shorter than this are accumulated instead of taken (timer granularity). */
    static final long MIN_SLEEP_NS = 2_000_000L;

    private static final long NS_PER_SEC = 1_000_000_000L;

    /** Sleeps about {@code nanos} and returns the nanoseconds actually slept. */
    @FunctionalInterface
    public interface Sleeper {
        long sleepNanos(long nanos) throws InterruptedException;
    }

    private final long targetPerSec;
    private final long startMs;
    private final long sleepTimeNs;
    private final Sleeper sleeper;
    private long sleepDeficitNs;

    /**
     * @param targetPerSec records per second to hold, or a negative number for no limit
     * @param startMs the time sending started (ms, same clock as the {@code nowMs} given to {@link #shouldThrottle})
     */
    public ThroughputThrottler(long targetPerSec, long startMs, Sleeper sleeper) {
        if (targetPerSec == 0) {
            throw new IllegalArgumentException("--throughput must be positive, or -1 for no limit, was 0");
        }
        this.targetPerSec = targetPerSec;
        this.startMs = startMs;
        this.sleepTimeNs = targetPerSec > 0 ? NS_PER_SEC / targetPerSec : Long.MAX_VALUE;
        this.sleeper = sleeper;
    }

    /** Really sleeps (Thread.sleep) and measures the sleep with {@link System#nanoTime()}. */
    public static ThroughputThrottler systemTime(long targetPerSec, long startMs) {
        return new ThroughputThrottler(targetPerSec, startMs, nanos -> {
            long before = System.nanoTime();
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
            return System.nanoTime() - before;
        });
    }

    /** True when {@code sentSoFar} records since the start exceed the target rate at {@code nowMs}. */
    public boolean shouldThrottle(long sentSoFar, long nowMs) {
        if (targetPerSec < 0) {
            return false;
        }
        double elapsedSec = (nowMs - startMs) / 1000.0;
        return elapsedSec > 0 && sentSoFar / elapsedSec > targetPerSec;
    }

    /** Accounts one send's worth of delay and sleeps once the deficit is large enough. */
    public void throttle() {
        sleepDeficitNs += sleepTimeNs;
        if (sleepDeficitNs < MIN_SLEEP_NS) {
            return;
        }
        try {
            long slept = sleeper.sleepNanos(sleepDeficitNs);
            sleepDeficitNs = Math.max(0, sleepDeficitNs - slept);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sleepDeficitNs = 0;
        }
    }

    long sleepDeficitNs() {
        return sleepDeficitNs;
    }
}
