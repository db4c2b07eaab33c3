package io.ferrymq.client.consumer.internals.group;

import java.util.concurrent.TimeUnit;

/** Sleeps for a retry back-off, never past a deadline; keeps the interrupt flag. Stateless. */
final class Backoff {

    private Backoff() {
    }

    static void sleep(long backoffMs, long deadlineNanos) {
        long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        long sleepMs = Math.min(backoffMs, Math.max(0, remainingMs));
        if (sleepMs <= 0) {
            return;
        }
        try {
            Thread.sleep(sleepMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.ferrymq.client.common.errors.InterruptException("interrupted while waiting for the group coordinator", e);
        }
    }
}
