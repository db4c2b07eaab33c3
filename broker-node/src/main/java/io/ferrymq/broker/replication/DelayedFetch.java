package io.ferrymq.broker.replication;

import java.util.function.BooleanSupplier;

/**
 * A long-poll fetch waiting until enough bytes are readable ({@code fetch.min.bytes}), an error
 * makes waiting pointless, or {@code fetch.max.wait.ms} runs out; in every case it then reads what
 * is there and responds. It is woken by appends (follower fetches read to the log end) and by
 * high-watermark moves (consumer fetches read below it).
 *
 * <p>Thread-safety: the two callbacks are supplied by the replica manager and must be thread-safe;
 * {@code respond} runs once.
 */
public final class DelayedFetch extends DelayedOperation {

    private final BooleanSupplier ready;
    private final Runnable respond;

    public DelayedFetch(long maxWaitMs, BooleanSupplier ready, Runnable respond) {
        super(maxWaitMs);
        this.ready = ready;
        this.respond = respond;
    }

    @Override
    protected boolean tryComplete() {
        return ready.getAsBoolean() && forceComplete();
    }

    @Override
    protected void onExpiration() {
        // A fetch that waited its maximum simply returns what is readable now.
    }

    @Override
    protected void onComplete() {
        respond.run();
    }
}
