package io.ferrymq.client.common.internals;

import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * How the clients talk to brokers: one request to the broker at an address, answered by a future
 * that completes with the response, or fails with an {@link io.ferrymq.common.errors.ApiException}
 * (the server answered with an error response), a {@link io.ferrymq.client.common.errors.TimeoutException}
 * ({@code request.timeout.ms}) or a connection error. Requests to one address are answered in the
 * order sent. A Produce request with {@code acks=0} completes once written, with a {@code null} response.
 *
 * <p>Implementations are thread-safe; futures may complete on an I/O thread, so callers must hand
 * the work off instead of blocking there.
 */
public interface RequestChannel extends AutoCloseable {

    CompletableFuture<ApiResponse> send(InetSocketAddress broker, ApiRequest request);

    /** Closes every connection; pending futures fail. */
    @Override
    void close();
}
