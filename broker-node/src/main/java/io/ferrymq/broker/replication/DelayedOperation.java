package io.ferrymq.broker.replication;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A request that waits in a {@link DelayedOperationPurgatory} until a condition holds (the high
 * watermark passed an acks=all batch, a long-poll fetch has enough bytes) or its delay runs out.
 * Completion happens exactly once: either {@link #tryComplete()} finds the condition satisfied and
 * calls {@link #forceComplete()}, or the purgatory's timer expires the operation, which calls
 * {@link #onExpiration()} and then {@link #onComplete()}.
 *
 * <p>Thread-safety: {@link #tryComplete()} runs under this operation's lock, so subclasses may
 * keep unsynchronized state read and written only there; {@link #onComplete()} runs once, on
 * whichever thread completed the operation, and must not block.
 */
public abstract class DelayedOperation {

    private final long delayMs;
    private final AtomicBoolean completed = new AtomicBoolean();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile ScheduledFuture<?> timeout;
    private volatile Collection<?> watchedKeys = List.of();

    protected DelayedOperation(long delayMs) {
        if (delayMs < 0) {
            throw new IllegalArgumentException("delay must be >= 0 ms, was " + delayMs);
        }
        this.delayMs = delayMs;
    }

    /** Checks the condition; if it holds, calls {@link #forceComplete()} and returns its result. */
    protected abstract boolean tryComplete();

    /** Produces the operation's response; called exactly once. */
    protected abstract void onComplete();

    /** Marks whatever is still pending as timed out; called just before {@link #onComplete()}. */
    protected abstract void onExpiration();

    public final long delayMs() {
        return delayMs;
    }

    public final boolean isCompleted() {
        return completed.get();
    }

    /** Completes the operation now unless it is already complete; true if this call completed it. */
    public final boolean forceComplete() {
        if (!completed.compareAndSet(false, true)) {
            return false;
        }
        ScheduledFuture<?> pending = timeout;
        if (pending != null) {
            pending.cancel(false);
        }
        onComplete();
        return true;
    }

    /** Runs {@link #tryComplete()} under the lock; a completed operation returns true at once. */
    final boolean maybeTryComplete() {
        if (isCompleted()) {
            return true;
        }
        lock.lock();
        try {
            return isCompleted() || tryComplete();
        } finally {
            lock.unlock();
        }
    }

    /** Called by the purgatory's timer thread when the delay runs out. */
    final void expire() {
        lock.lock();
        try {
            if (!isCompleted() && completed.compareAndSet(false, true)) {
                onExpiration();
                onComplete();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Records the keys a purgatory watches this operation on, so completion can leave them all. */
    final void watching(Collection<?> keys) {
        this.watchedKeys = keys;
    }

    @SuppressWarnings("unchecked")
    final <K> Collection<K> watchedKeys() {
        return (Collection<K>) watchedKeys;
    }

    final void setTimeout(ScheduledFuture<?> future) {
        this.timeout = future;
        if (isCompleted()) {
            future.cancel(false);
        }
    }
}
