package io.ferrymq.broker.server;

import io.ferrymq.common.protocol.EncodedFrame;
import io.ferrymq.common.protocol.RecordSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;

/**
 * Writes an {@link EncodedFrame} to a channel: the head (length prefix, header, body), then each
 * record source as it is — memory buffers wrapped without copying, file slices as
 * {@link SliceFileRegion}s sent with {@code sendfile}, or on a TLS connection (whose
 * {@code SslHandler} encrypts only buffers) read into a buffer. A slice that cannot be read closes
 * the connection. Nothing is flushed here.
 *
 * <p>Stateless; call on the channel's event loop.
 */
final class FrameWriter {

    private FrameWriter() {
    }

    /** Writes {@code frame}; the returned future completes when its last byte is written. */
    static ChannelFuture write(ChannelHandlerContext ctx, EncodedFrame frame) {
        ChannelFuture last = ctx.write(frame.head());
        for (RecordSource source : frame.records()) {
            last = writeSource(ctx, source, last);
        }
        return last;
    }

    private static ChannelFuture writeSource(ChannelHandlerContext ctx, RecordSource source, ChannelFuture last) {
        if (source.sizeInBytes() == 0) {
            return last;
        }
        if (source instanceof RecordSource.Memory memory) {
            return ctx.write(Unpooled.wrappedBuffer(memory.buffer()));
        }
        if (source instanceof RecordSource.FileSlice slice) {
            return ctx.pipeline().get(SslHandler.class) == null
                    ? ctx.write(new SliceFileRegion(slice.file(), slice.position(), slice.size()))
                    : writeCopy(ctx, slice);
        }
        ChannelFuture result = last;
        for (RecordSource part : ((RecordSource.Composite) source).parts()) {
            result = writeSource(ctx, part, result);
        }
        return result;
    }

    /**
     * TLS must encrypt the bytes, so the slice is read into a buffer (no sendfile, as Kafka over
     * TLS); a segment released meanwhile is reopened and the read goes on where it stopped.
     */
    private static ChannelFuture writeCopy(ChannelHandlerContext ctx, RecordSource.FileSlice slice) {
        int size = Math.toIntExact(slice.size());
        ByteBuf copy = ctx.alloc().buffer(size);
        try {
            slice.file().withChannel(channel -> {
                while (copy.readableBytes() < size) {
                    int read = copy.writeBytes(channel, slice.position() + copy.readableBytes(),
                            size - copy.readableBytes());
                    if (read < 0) {
                        throw new IOException("the file slice ends " + (size - copy.readableBytes()) + " bytes early");
                    }
                }
                return copy;
            });
            return ctx.write(copy);
        } catch (IOException | RuntimeException e) {
            copy.release();
            ctx.close();
            return ctx.newFailedFuture(e);
        }
    }
}
