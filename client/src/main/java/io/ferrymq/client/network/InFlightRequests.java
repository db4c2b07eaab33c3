package io.ferrymq.client.network;

import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.RequestHeader;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

/**
 * The requests of one connection that await a response, by correlation id. Each entry is removed
 * exactly once (response, timeout, send failure or disconnect, whichever comes first), so its
 * future completes exactly once. Once {@link #closeAndFailAll} ran, later additions fail at once.
 * Thread-safe.
 */
final class InFlightRequests {

    /** One request awaiting its response; its timeout task is attached once scheduled. */
    static final class Pending {
        private final RequestHeader header;
        private final CompletableFuture<ApiResponse> future;
        private volatile ScheduledFuture<?> timeout;

        Pending(RequestHeader header, CompletableFuture<ApiResponse> future) {
            this.header = header;
            this.future = future;
        }

        RequestHeader header() {
            return header;
        }

        CompletableFuture<ApiResponse> future() {
            return future;
        }

        void attachTimeout(ScheduledFuture<?> scheduled) {
            timeout = scheduled;
            if (future.isDone()) {
                scheduled.cancel(false);
            }
        }

        void cancelTimeout() {
            ScheduledFuture<?> scheduled = timeout;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }

    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private volatile RuntimeException closedCause;

    /** Adds a request; fails it at once when the connection already closed. */
    void add(Pending request) {
        pending.put(request.header().correlationId(), request);
        RuntimeException cause = closedCause;
        if (cause != null) {
            fail(request.header().correlationId(), cause);
        }
    }

    Optional<Pending> remove(int correlationId) {
        Pending removed = pending.remove(correlationId);
        if (removed != null) {
            removed.cancelTimeout();
        }
        return Optional.ofNullable(removed);
    }

    boolean fail(int correlationId, Throwable cause) {
        Optional<Pending> removed = remove(correlationId);
        removed.ifPresent(request -> request.future().completeExceptionally(cause));
        return removed.isPresent();
    }

    void closeAndFailAll(RuntimeException cause) {
        closedCause = cause;
        for (Integer correlationId : pending.keySet()) {
            fail(correlationId, cause);
        }
    }

    boolean isClosed() {
        return closedCause != null;
    }

    int size() {
        return pending.size();
    }
}
