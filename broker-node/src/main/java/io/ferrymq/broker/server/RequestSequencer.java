package io.ferrymq.broker.server;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Starts one connection's requests in arrival order, each only once every earlier one has reached
 * its ordering point ({@link OrderingPoint}): a barrier per request, not one request at a time.
 * A request is a start action that returns the future completing at its ordering point; a read
 * returns a completed future and so holds nothing up, a write holds later requests until its effect
 * is applied, but never until its response (acks=all replication, say).
 *
 * <p>Invariants: requests start in submission order, each at most once; when one starts, every
 * earlier one has reached its ordering point, so at most one started request has not (the latest),
 * and a future that completes exceptionally counts as reached. Requests submitted while none is
 * pending start at once, on the submitting thread.
 *
 * <p>Not thread-safe: confined to {@code owner} (the connection's event loop), on which
 * {@link #submit} must be called; ordering points reached on other threads are handed to it.
 */
final class RequestSequencer {

    private final Executor owner;
    private final Deque<Supplier<? extends CompletableFuture<?>>> notStarted = new ArrayDeque<>();
    private boolean awaitingOrderingPoint;

    RequestSequencer(Executor owner) {
        this.owner = owner;
    }

    /** Queues {@code start} behind every request submitted before it; runs it when they allow. */
    void submit(Supplier<? extends CompletableFuture<?>> start) {
        notStarted.add(start);
        startReady();
    }

    private void startReady() {
        while (!awaitingOrderingPoint && !notStarted.isEmpty()) {
            CompletableFuture<?> orderingPoint = notStarted.poll().get();
            if (!orderingPoint.isDone()) {
                awaitingOrderingPoint = true;
                orderingPoint.whenComplete((ignored, failure) -> owner.execute(this::orderingPointReached));
            }
        }
    }

    private void orderingPointReached() {
        awaitingOrderingPoint = false;
        startReady();
    }
}
