package io.ferrymq.client.producer.internals;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The outcome of one batch, shared by the futures of all its records so that a record costs no
 * more than its own future: the base offset the leader assigned and its log-append time, or the
 * error. Completed once, by the I/O thread: set, then callbacks, then done.
 *
 * <p>Thread-safe: fields are written before the latch opens and read after it.
 */
public final class ProduceRequestResult {

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile long baseOffset = -1;
    private volatile long logAppendTime = -1;
    private volatile RuntimeException error;

    /** Records the outcome ({@code error} empty means success); waiters see it after {@link #done()}. */
    void set(long baseOffset, long logAppendTime, Optional<RuntimeException> error) {
        this.baseOffset = baseOffset;
        this.logAppendTime = logAppendTime;
        this.error = error.orElse(null);
    }

    /** Releases waiters; called once, after the callbacks ran (as Kafka does). */
    void done() {
        done.countDown();
    }

    public boolean isDone() {
        return done.getCount() == 0;
    }

    public void await() throws InterruptedException {
        done.await();
    }

    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    public long baseOffset() {
        return baseOffset;
    }

    public long logAppendTime() {
        return logAppendTime;
    }

    public Optional<RuntimeException> error() {
        return Optional.ofNullable(error);
    }
}
