package io.ferrymq.broker.server;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import java.util.concurrent.CompletableFuture;

/**
 * Serves one API key: turns a protocol-neutral request record into a response record. A handler
 * reports per-partition problems inside the response; anything it throws (or completes its future
 * exceptionally with) is turned by the {@link RequestDispatcher} into {@link #errorResponse}, with
 * the code chosen by {@link io.ferrymq.broker.errors.ErrorMapper}, so no exception or stack trace reaches the wire.
 *
 * <p>Handlers are called on the request executor and must not block it for long: waits (long-poll
 * fetches, acks=all) are futures completed later on other threads. Implementations are thread-safe.
 *
 * <p>Ordering: the next request of the same connection starts once this one reached the
 * {@link OrderingPoint} of its API, so a write must be applied by then: before {@code handle}
 * returns for Produce and Metadata, by the time the future completes for the other writes.
 *
 * @param <Q> the request type of {@link #apiKey()}
 */
public interface RequestHandler<Q extends ApiRequest> {

    ApiKey apiKey();

    /** Serves {@code request}; the future completes with the response or exceptionally. */
    CompletableFuture<? extends ApiResponse> handle(RequestContext context, Q request);

    /** The response that reports {@code error} for everything {@code request} asked for. */
    ApiResponse errorResponse(Q request, ErrorCode error, String message);

    /** Whether the client waits for a response (false only for acks=0 produce requests). */
    default boolean expectsResponse(Q request) {
        return true;
    }

    /**
     * Whether {@code response} reports a failure; for a request without a response this closes the
     * connection ({@link CloseConnection}).
     */
    default boolean reportsFailure(ApiResponse response) {
        return false;
    }
}
