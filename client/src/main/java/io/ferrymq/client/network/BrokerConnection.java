package io.ferrymq.client.network;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.EncodedFrame;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.RequestHeader;
import io.ferrymq.common.protocol.WireCodec;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One TCP connection to one broker. {@link #send} encodes a request on the caller's thread (record
 * bytes are not copied), writes it from the connection's I/O thread and returns a future that
 * completes, on that I/O thread, with the response of the same correlation id, or exceptionally with
 * {@link ApiException} (REQUEST_TIMED_OUT after the timeout; the error of an
 * {@link io.ferrymq.common.protocol.ErrorResponse}) or a retriable {@link NetworkException}
 * when the connection fails or closes. A timeout closes the connection, as Kafka's client does: the
 * broker is not answering, and bytes of the timed-out request still queued for the socket (record
 * bytes the caller may reuse once the future fails) are discarded, never written later. Callbacks must not block: they run on the I/O thread. A
 * closed connection stays closed: reconnect by asking {@link NetworkClient} or {@link ConnectionPool}
 * for a new one. Thread-safe.
 */
public final class BrokerConnection implements AutoCloseable {

    private final Channel channel;
    private final BrokerAddress address;
    private final WireCodec codec;
    private final InFlightRequests inFlight;
    private final NetworkConfig config;
    private final AtomicInteger nextCorrelationId = new AtomicInteger();

    BrokerConnection(Channel channel, BrokerAddress address, WireCodec codec, InFlightRequests inFlight,
            NetworkConfig config) {
        this.channel = channel;
        this.address = address;
        this.codec = codec;
        this.inFlight = inFlight;
        this.config = config;
    }

    /** Sends with the client's default request timeout. */
    public CompletableFuture<ApiResponse> send(ApiRequest request) {
        return send(request, config.requestTimeout());
    }

    /** Sends and casts the response; the future fails with {@link ClassCastException} on a mismatch. */
    public <R extends ApiResponse> CompletableFuture<R> send(ApiRequest request, Class<R> responseType) {
        return send(request).thenApply(responseType::cast);
    }

    /** Sends with an explicit timeout (e.g. a long-poll fetch: its max wait plus the request timeout). */
    public CompletableFuture<ApiResponse> send(ApiRequest request, Duration timeout) {
        if (request instanceof ProduceRequest produce && produce.acks() == 0) {
            throw new IllegalArgumentException("A Produce with acks=0 gets no response: use sendNoResponse");
        }
        CompletableFuture<ApiResponse> future = new CompletableFuture<>();
        if (inFlight.isClosed() || !channel.isActive()) {
            future.completeExceptionally(new NetworkException("Connection to " + address + " is closed"));
            return future;
        }
        RequestHeader header = RequestHeader.latest(request.apiKey(), nextCorrelationId.getAndIncrement(), config.clientId());
        EncodedFrame frame = codec.encodeRequest(header, request, channel.alloc());
        InFlightRequests.Pending pending = new InFlightRequests.Pending(header, future);
        inFlight.add(pending);
        if (future.isDone()) {
            frame.release();
            return future;
        }
        scheduleTimeout(pending, timeout);
        FrameWriter.write(channel, frame).addListener((ChannelFuture written) -> {
            if (!written.isSuccess()) {
                inFlight.fail(header.correlationId(), new NetworkException(
                        "Sending " + header.apiKey() + " to " + address + " failed", written.cause()));
            }
        });
        return future;
    }

    /**
     * Sends a request the broker does not answer (a Produce with acks=0); the future completes once
     * the bytes are handed to the socket.
     */
    public CompletableFuture<Void> sendNoResponse(ApiRequest request) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        if (inFlight.isClosed() || !channel.isActive()) {
            future.completeExceptionally(new NetworkException("Connection to " + address + " is closed"));
            return future;
        }
        RequestHeader header = RequestHeader.latest(request.apiKey(), nextCorrelationId.getAndIncrement(), config.clientId());
        FrameWriter.write(channel, codec.encodeRequest(header, request, channel.alloc())).addListener((ChannelFuture written) -> {
            if (written.isSuccess()) {
                future.complete(null);
            } else {
                future.completeExceptionally(new NetworkException(
                        "Sending " + header.apiKey() + " to " + address + " failed", written.cause()));
            }
        });
        return future;
    }

    private void scheduleTimeout(InFlightRequests.Pending pending, Duration timeout) {
        RequestHeader header = pending.header();
        try {
            pending.attachTimeout(channel.eventLoop().schedule(() -> {
                inFlight.fail(header.correlationId(), new ApiException(ErrorCode.REQUEST_TIMED_OUT,
                        header.apiKey() + " to " + address + " got no response within " + timeout.toMillis() + " ms"));
                channel.close();
            }, timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            inFlight.fail(header.correlationId(), new NetworkException("Client is shutting down", e));
        }
    }

    public BrokerAddress address() {
        return address;
    }

    /** True until the connection closes (by either side). */
    public boolean isActive() {
        return channel.isActive() && !inFlight.isClosed();
    }

    public int inFlightCount() {
        return inFlight.size();
    }

    /** Completes when the connection has closed. */
    public CompletableFuture<Void> closeFuture() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        channel.closeFuture().addListener(f -> closed.complete(null));
        return closed;
    }

    /** Closes the connection; requests in flight fail with {@link NetworkException}. */
    @Override
    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return "BrokerConnection[" + address + (isActive() ? "" : ", closed") + "]";
    }
}
