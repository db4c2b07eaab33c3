package io.ferrymq.client.network;

import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.InvalidFrameException;
import io.ferrymq.common.protocol.WireCodec;
import io.ferrymq.common.protocol.ErrorResponse;
import io.ferrymq.common.security.SecurityProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a client channel: matches each response frame to its request by correlation
 * id, decodes it and completes the request's future (on this I/O thread); an
 * {@link ErrorResponse} completes it exceptionally with its error. A frame that does not parse
 * closes the connection. When the channel goes inactive every request still in flight fails with a
 * retriable {@link NetworkException}; when the broker never answered on it, the message names the
 * client's {@code security.protocol} (a plaintext client on a TLS port is closed by the broker).
 * Runs on the channel's event loop only.
 */
final class ResponseHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseHandler.class);

    private final WireCodec codec;
    private final InFlightRequests inFlight;
    private final BrokerAddress address;
    private final SecurityProtocol protocol;
    private boolean answered;

    ResponseHandler(WireCodec codec, InFlightRequests inFlight, BrokerAddress address, SecurityProtocol protocol) {
        this.codec = codec;
        this.inFlight = inFlight;
        this.address = address;
        this.protocol = protocol;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        ByteBuf frame = (ByteBuf) message;
        answered = true;
        try {
            int correlationId = codec.decodeResponseHeader(frame).correlationId();
            Optional<InFlightRequests.Pending> pending = inFlight.remove(correlationId);
            if (pending.isEmpty()) {
                LOG.debug("Dropping response {} from {}: its request already timed out or failed", correlationId, address);
                return;
            }
            complete(pending.get(), frame);
        } catch (InvalidFrameException e) {
            LOG.warn("Closing connection to {}: {}", address, e.getMessage());
            ctx.close();
        } finally {
            frame.release();
        }
    }

    private void complete(InFlightRequests.Pending pending, ByteBuf frame) {
        ApiResponse response;
        try {
            response = codec.decodeResponse(frame, pending.header().apiKey(), pending.header().apiVersion());
        } catch (InvalidFrameException e) {
            pending.future().completeExceptionally(e);
            throw e;
        }
        if (response instanceof ErrorResponse error) {
            pending.future().completeExceptionally(error.error().exception(
                    pending.header().apiKey() + " to " + address + ": " + error.errorMessage()));
        } else {
            pending.future().complete(response);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        int count = inFlight.size();
        inFlight.closeAndFailAll(new NetworkException("Connection to " + address + " closed"
                + (count > 0 ? " with " + count + " request(s) in flight" : "") + (answered || count == 0 ? ""
                : " before any response (this client uses security.protocol=" + protocol
                + "; a broker closes connections that do not match its listener's protocol)")));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("Closing connection to {} after an error: {}", address, cause.toString());
        ctx.close();
    }
}
