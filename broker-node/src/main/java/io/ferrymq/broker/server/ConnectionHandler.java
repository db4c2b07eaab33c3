package io.ferrymq.broker.server;

import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.DecodedRequest;
import io.ferrymq.common.protocol.EncodedFrame;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.InvalidFrameException;
import io.ferrymq.common.protocol.RequestHeader;
import io.ferrymq.common.protocol.ErrorResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: decodes each frame, starts its handler in request order behind barriers,
 * and writes the responses strictly in request order although handlers complete in any order.
 *
 * <p>Start order: the {@link RequestSequencer} starts a request only after every earlier request of
 * this connection has reached its {@link OrderingPoint}, the moment its effect is applied: a
 * produce once its log append is done (not its acks=all wait), an offset commit, group or topic
 * change once its handler's future completed (its ZooKeeper write is done), a read (Fetch,
 * ListOffsets, OffsetFetch, Describe*, ...) at once, so a long-polling fetch holds nothing up;
 * {@link OrderingPoint} classifies every API. Pipelined writes are thus applied in the order sent, as Kafka's muted channel does, while
 * pipelined acks=all produces still wait for replication together.
 *
 * <p>Response order: each request gets a sequence number when read; a finished response waits in
 * a small reorder map until every earlier one is written.
 * At most {@code maxInFlight} requests are being served at once (started or waiting for a barrier);
 * frames decoded beyond that (one socket read may hold many) wait, and reading pauses until
 * responses go out, also while the socket is not writable (a client that does not read its
 * responses cannot make the broker buffer without bound), and for good once the server stops
 * taking requests. Requests already read are served even if the connection closes; their
 * responses are dropped. An unparsable frame closes this connection only; an
 * unknown API key or version is answered with an {@link ErrorResponse} and the connection stays.
 * A failed request that expects no response (acks=0, {@link CloseConnection}) closes the
 * connection once the responses before it are written, as Kafka's broker does.
 *
 * <p>Each request's {@link RequestContext} carries the connection's listener and its
 * {@link ConnectionPrincipal}.
 *
 * <p>All fields are confined to the channel's event loop; completions from handler threads are
 * handed to it. One instance per connection.
 */
final class ConnectionHandler extends SimpleChannelInboundHandler<ByteBuf> {

    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

    private final ServerCodec codec;
    private final RequestDispatcher dispatcher;
    private final InFlightRequests inFlight;
    private final int maxInFlight;
    private final RequestSequencer sequencer;
    private final String listenerName;

    private final Map<Long, Optional<EncodedFrame>> finished = new HashMap<>();
    private final Deque<ByteBuf> waiting = new ArrayDeque<>();
    private long nextSequence;
    private long nextToWrite;
    private long closeAfter = -1;
    private boolean stopped;
    private boolean closed;

    /** {@code eventLoop} is the one the connection's channel is registered on; {@code listenerName} its listener's. */
    ConnectionHandler(ServerCodec codec, RequestDispatcher dispatcher, InFlightRequests inFlight, int maxInFlight,
                      Executor eventLoop, String listenerName) {
        this.listenerName = listenerName;
        this.codec = codec;
        this.dispatcher = dispatcher;
        this.inFlight = inFlight;
        this.maxInFlight = maxInFlight;
        this.sequencer = new RequestSequencer(eventLoop);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        if (stopped || closed) {
            return;
        }
        if (isAtLimit() || !waiting.isEmpty()) {
            waiting.add(frame.retain());
            updateReading(ctx);
            return;
        }
        process(ctx, frame);
    }

    private void process(ChannelHandlerContext ctx, ByteBuf frame) {
        long sequence = nextSequence++;
        inFlight.increment();
        updateReading(ctx);
        ServerCodec.Decoded decoded;
        try {
            decoded = codec.decode(frame, ctx.alloc());
        } catch (InvalidFrameException e) {
            log.info("Closing connection from {}: {}", ctx.channel().remoteAddress(), e.getMessage());
            inFlight.decrement();
            closed = true;
            ctx.close();
            return;
        }
        if (decoded instanceof ServerCodec.Answer answer) {
            complete(ctx, sequence, Optional.of(answer.frame()));
            return;
        }
        dispatch(ctx, sequence, ((ServerCodec.Serve) decoded).request());
    }

    private void dispatch(ChannelHandlerContext ctx, long sequence, DecodedRequest decoded) {
        RequestHeader header = decoded.header();
        RequestContext context = new RequestContext(header.apiKey(), header.apiVersion(), header.correlationId(),
                header.clientId(), ctx.channel().remoteAddress(), ConnectionPrincipal.of(ctx.channel()), listenerName);
        sequencer.submit(() -> start(ctx, sequence, context, decoded));
    }

    /** Runs the request's handler; returns the future of its ordering point. */
    private CompletableFuture<?> start(ChannelHandlerContext ctx, long sequence, RequestContext context,
                                       DecodedRequest decoded) {
        RequestDispatcher.Dispatch dispatch = dispatcher.dispatch(context, decoded.request());
        dispatch.response().whenComplete((result, failure) -> {
            Optional<CloseConnection> close = result == null ? Optional.empty()
                    : result.filter(CloseConnection.class::isInstance).map(CloseConnection.class::cast);
            Optional<EncodedFrame> frame;
            try {
                frame = result == null || close.isPresent() ? Optional.empty() : result.map(r -> encode(ctx, decoded, r));
            } finally {
                decoded.close();
            }
            ctx.executor().execute(() -> {
                close.ifPresent(c -> closeAfter(ctx, sequence, c));
                complete(ctx, sequence, frame);
            });
        });
        return dispatch.applied();
    }

    private EncodedFrame encode(ChannelHandlerContext ctx, DecodedRequest decoded, ApiResponse response) {
        try {
            return codec.encodeResponse(decoded, response, ctx.alloc());
        } catch (RuntimeException e) {
            log.error("Cannot encode the {} response to correlation id {}", decoded.header().apiKey(),
                    decoded.header().correlationId(), e);
            ErrorResponse fallback = new ErrorResponse(ErrorCode.UNKNOWN_SERVER_ERROR, "response could not be encoded");
            return codec.encodeResponse(decoded, fallback, ctx.alloc());
        }
    }

    private void complete(ChannelHandlerContext ctx, long sequence, Optional<EncodedFrame> frame) {
        if (closed) {
            frame.ifPresent(EncodedFrame::release);
            inFlight.decrement();
            return;
        }
        finished.put(sequence, frame);
        boolean wrote = false;
        while (finished.containsKey(nextToWrite)) {
            long written = nextToWrite++;
            Optional<EncodedFrame> next = finished.remove(written);
            if (next.isPresent()) {
                FrameWriter.write(ctx, next.get()).addListener(done -> inFlight.decrement());
                wrote = true;
            } else {
                inFlight.decrement();
            }
            if (written == closeAfter) {
                closed = true;
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        if (wrote) {
            ctx.flush();
        }
        processWaiting(ctx);
        updateReading(ctx);
    }

    /**
     * A request without a response failed ({@link CloseConnection}): stop reading, and close once
     * the responses of the requests before it are written. Requests read after it are not answered.
     */
    private void closeAfter(ChannelHandlerContext ctx, long sequence, CloseConnection close) {
        log.info("Closing connection from {}: {}", ctx.channel().remoteAddress(), close.reason());
        if (closeAfter < 0 || sequence < closeAfter) {
            closeAfter = sequence;
        }
        stopped = true;
        releaseWaiting();
        updateReading(ctx);
    }

    /** Serves frames decoded while at the limit (one socket read can hold many), oldest first. */
    private void processWaiting(ChannelHandlerContext ctx) {
        while (!waiting.isEmpty() && !isAtLimit() && !stopped && !closed) {
            ByteBuf frame = waiting.poll();
            try {
                process(ctx, frame);
            } finally {
                frame.release();
            }
        }
    }

    private boolean isAtLimit() {
        return nextSequence - nextToWrite >= maxInFlight;
    }

    private void releaseWaiting() {
        waiting.forEach(ByteBuf::release);
        waiting.clear();
    }

    /** Stops reading new requests; those already read are still answered. Call on the event loop. */
    void stopReading(ChannelHandlerContext ctx) {
        stopped = true;
        releaseWaiting();
        updateReading(ctx);
    }

    private void updateReading(ChannelHandlerContext ctx) {
        boolean shouldRead = !stopped && !closed && !isAtLimit() && waiting.isEmpty() && ctx.channel().isWritable();
        if (ctx.channel().config().isAutoRead() != shouldRead) {
            ctx.channel().config().setAutoRead(shouldRead);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        updateReading(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        releaseWaiting();
        finished.values().forEach(frame -> {
            frame.ifPresent(EncodedFrame::release);
            inFlight.decrement();
        });
        finished.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            log.debug("Closing idle connection from {}", ctx.channel().remoteAddress());
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.info("Closing connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
