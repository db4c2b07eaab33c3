package io.ferrymq.broker.security.sasl;

import io.ferrymq.broker.server.ConnectionPrincipal;
import io.ferrymq.broker.server.ServerCodec;
import io.ferrymq.client.network.FrameDecoder;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.DecodedRequest;
import io.ferrymq.common.protocol.InvalidFrameException;
import io.ferrymq.common.protocol.requests.SaslAuthenticateRequest;
import io.ferrymq.common.protocol.requests.SaslHandshakeRequest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SASL step of one connection, between the frame decoder and the request handler. Until the
 * client authenticated, the frame decoder is capped at {@code sasl.server.max.receive.size}, so an
 * unauthenticated client cannot make the broker buffer more than that; ApiVersions frames pass on
 * to the request handler, SaslHandshake and SaslAuthenticate are answered here by the
 * {@link SaslAuthenticator}, and any other request closes the connection with a logged reason, as
 * does a failed authentication (after its error response is written). Once authenticated, the
 * principal is recorded ({@link ConnectionPrincipal}), the decoder gets the listener's full
 * {@code socket.request.max.bytes} back, and this handler leaves the pipeline.
 *
 * <p>Confined to the connection's event loop; one instance per connection.
 */
final class SaslServerHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(SaslServerHandler.class);

    private final ServerCodec codec;
    private final SaslAuthenticator authenticator;
    private final String framesHandler;
    private final int maxRequestBytes;
    private final String listenerName;

    SaslServerHandler(ServerCodec codec, SaslAuthenticator authenticator, String framesHandler, int maxRequestBytes,
                      String listenerName) {
        this.codec = codec;
        this.authenticator = authenticator;
        this.framesHandler = framesHandler;
        this.maxRequestBytes = maxRequestBytes;
        this.listenerName = listenerName;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        Optional<ApiKey> key = frame.readableBytes() >= Short.BYTES
                ? ApiKey.forId(frame.getShort(frame.readerIndex())) : Optional.empty();
        if (key.equals(Optional.of(ApiKey.API_VERSIONS))) {
            ctx.fireChannelRead(frame);
            return;
        }
        try {
            if (key.isEmpty() || !SaslAuthenticator.isAllowedBeforeAuthentication(key.get())) {
                close(ctx, key.map(k -> k + " request").orElse("an unknown request") + " before SASL authentication");
                return;
            }
            serve(ctx, frame);
        } finally {
            frame.release();
        }
    }

    private void serve(ChannelHandlerContext ctx, ByteBuf frame) {
        ServerCodec.Decoded read;
        try {
            read = codec.decode(frame, ctx.alloc());
        } catch (InvalidFrameException e) {
            close(ctx, "unreadable SASL request: " + e.getMessage());
            return;
        }
        if (read instanceof ServerCodec.Answer answer) {
            log.warn("Closing connection from {} on listener {}: a SASL request it cannot serve",
                    ctx.channel().remoteAddress(), listenerName);
            ctx.writeAndFlush(answer.frame().head()).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        DecodedRequest decoded = ((ServerCodec.Serve) read).request();
        ApiResponse response = decoded.request() instanceof SaslHandshakeRequest handshake
                ? authenticator.handshake(handshake)
                : authenticator.authenticate(decoded.request(SaslAuthenticateRequest.class));
        ChannelFuture written;
        try {
            written = ctx.writeAndFlush(codec.encodeResponse(decoded, response, ctx.alloc()).head());
        } finally {
            decoded.close();
        }
        if (authenticator.isFailed()) {
            log.info("Closing connection from {} on listener {}: SASL {} refused: {}", ctx.channel().remoteAddress(),
                    listenerName, decoded.header().apiKey(), response);
            written.addListener(ChannelFutureListener.CLOSE);
        } else if (authenticator.isComplete()) {
            authenticator.principal().ifPresent(principal -> ConnectionPrincipal.set(ctx.channel(), principal));
            log.debug("Connection from {} on listener {} authenticated as {}", ctx.channel().remoteAddress(),
                    listenerName, authenticator.principal().orElseThrow());
            ctx.pipeline().replace(framesHandler, framesHandler, new FrameDecoder(maxRequestBytes));
            ctx.pipeline().remove(this);
        }
    }

    private void close(ChannelHandlerContext ctx, String reason) {
        log.warn("Closing connection from {} on listener {}: {}", ctx.channel().remoteAddress(), listenerName, reason);
        ctx.close();
    }
}
