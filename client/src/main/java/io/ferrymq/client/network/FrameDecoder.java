package io.ferrymq.client.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.ByteOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits the byte stream into frames: an int32 big-endian length, then that many bytes. Emits each
 * frame without its length prefix as a {@link ByteBuf} the next handler must release. A length
 * prefix over {@code maxFrameBytes} or below zero closes the connection as soon as the four bytes
 * arrive, before anything of that size is buffered or allocated; a zero length yields an empty
 * frame (which the codec rejects). Used by both the broker's and the clients' pipelines. One
 * instance per channel (not sharable).
 */
public final class FrameDecoder extends LengthFieldBasedFrameDecoder {

    /** Bytes of the length prefix. */
    public static final int LENGTH_PREFIX_BYTES = 4;

    private static final Logger LOG = LoggerFactory.getLogger(FrameDecoder.class);

    private final int maxFrameBytes;

    /** @param maxFrameBytes largest frame accepted, not counting the length prefix (e.g. {@code socket.request.max.bytes}) */
    public FrameDecoder(int maxFrameBytes) {
        super(checked(maxFrameBytes) + LENGTH_PREFIX_BYTES, 0, LENGTH_PREFIX_BYTES, 0, LENGTH_PREFIX_BYTES, true);
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (!ctx.channel().isActive() && in.isReadable()) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        try {
            return super.decode(ctx, in);
        } catch (TooLongFrameException | CorruptedFrameException e) {
            LOG.warn("Closing connection from {}: invalid frame length ({}; limit {} bytes)",
                    ctx.channel().remoteAddress(), e.getMessage(), maxFrameBytes);
            in.skipBytes(in.readableBytes());
            ctx.close();
            return null;
        }
    }

    @Override
    protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
        long frameLength = super.getUnadjustedFrameLength(buf, offset, length, order);
        if (frameLength > maxFrameBytes) {
            throw new TooLongFrameException("length prefix " + frameLength + " exceeds " + maxFrameBytes);
        }
        return frameLength;
    }

    private static int checked(int maxFrameBytes) {
        if (maxFrameBytes <= 0 || maxFrameBytes > Integer.MAX_VALUE - LENGTH_PREFIX_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must be in 1.." + (Integer.MAX_VALUE - LENGTH_PREFIX_BYTES)
                    + ", was " + maxFrameBytes);
        }
        return maxFrameBytes;
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }
}
