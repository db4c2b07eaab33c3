package io.ferrymq.broker.server;

import java.time.Duration;

/**
 * Counts requests read from any connection whose response is not yet written (or dropped), so a
 * stopping server can wait for them. Waiters are woken on every decrement to zero.
 *
 * <p>Thread-safe (monitor-based).
 */
final class InFlightRequests {

    private int count;

    synchronized void increment() {
        count++;
    }

    synchronized void decrement() {
        count--;
        if (count <= 0) {
            notifyAll();
        }
    }

    synchronized int count() {
        return count;
    }

    /** Waits until no request is in flight or {@code timeout} passes; returns whether none is. */
    synchronized boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
