package io.ferrymq.broker.replication;

/**
 * A byte-rate limit as a token bucket that may go into debt: {@link #record} takes the bytes a
 * transfer used (so one transfer larger than the bucket still happens), and while the bucket is in
 * debt {@link #isExceeded} says to send nothing more. Tokens refill at the rate, up to one second's
 * worth, so an idle period allows a burst of at most one second of traffic. The bucket starts empty:
 * over any period the bytes recorded are at most {@code rate * seconds} plus one transfer.
 * {@link Long#MAX_VALUE} means unlimited. Times are milliseconds from the caller's clock.
 *
 * <p>Thread-safe: every method is synchronized (it is called from fetch threads and request threads).
 */
public final class ThrottleQuota {

    /** No limit. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private long rateBytesPerSecond;
    private double tokens;
    private long lastRefillMs;

    public ThrottleQuota(long rateBytesPerSecond, long nowMs) {
        setRate(rateBytesPerSecond, nowMs);
    }

    /** Changes the rate; the bucket restarts empty (a debt from the old rate is forgiven). */
    public synchronized void setRate(long rateBytesPerSecond, long nowMs) {
        if (rateBytesPerSecond < 1) {
            throw new IllegalArgumentException("a throttle rate must be at least 1 byte/s, was " + rateBytesPerSecond);
        }
        if (rateBytesPerSecond != this.rateBytesPerSecond) {
            this.rateBytesPerSecond = rateBytesPerSecond;
            this.tokens = 0;
            this.lastRefillMs = nowMs;
        }
    }

    public synchronized long rateBytesPerSecond() {
        return rateBytesPerSecond;
    }

    public synchronized boolean isUnlimited() {
        return rateBytesPerSecond == UNLIMITED;
    }

    /** Whether the bucket is in debt at {@code nowMs}: throttled transfers must wait. */
    public synchronized boolean isExceeded(long nowMs) {
        if (isUnlimited()) {
            return false;
        }
        refill(nowMs);
        return tokens < 0;
    }

    /** How long until the bucket is out of debt at {@code nowMs} (0 when it is not in debt). */
    public synchronized long millisUntilAvailable(long nowMs) {
        if (!isExceeded(nowMs)) {
            return 0;
        }
        return (long) Math.ceil(-tokens * 1000.0 / rateBytesPerSecond);
    }

    /** Takes {@code bytes} a throttled transfer used at {@code nowMs}. */
    public synchronized void record(long bytes, long nowMs) {
        if (isUnlimited() || bytes <= 0) {
            return;
        }
        refill(nowMs);
        tokens -= bytes;
    }

    private void refill(long nowMs) {
        long elapsed = Math.max(0, nowMs - lastRefillMs);
        lastRefillMs = Math.max(lastRefillMs, nowMs);
        tokens = Math.min((double) rateBytesPerSecond, tokens + elapsed * (rateBytesPerSecond / 1000.0));
    }
}
