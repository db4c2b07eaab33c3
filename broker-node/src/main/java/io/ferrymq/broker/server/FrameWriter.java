package io.ferrymq.broker.server;

import io.ferrymq.common.protocol.EncodedFrame;
import io.ferrymq.common.protocol.RecordSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes an {@link EncodedFrame} to a channel: the head (length prefix, header, body), then each
 * record source as it is — memory buffers wrapped without copying, file slices as
 * {@link SliceFileRegion}s sent with {@code sendfile}. On a TLS connection a file slice is read
 * into a buffer instead: the {@code SslHandler} must encrypt every byte, so there is no zero-copy
 * (as in Kafka). Nothing is flushed here.
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
                    ? ctx.write(new SliceFileRegion(slice.channel(), slice.position(), slice.size()))
                    : ctx.write(read(ctx, slice));
        }
        ChannelFuture result = last;
        for (RecordSource part : ((RecordSource.Composite) source).parts()) {
            result = writeSource(ctx, part, result);
        }
        return result;
    }

    private static ByteBuf read(ChannelHandlerContext ctx, RecordSource.FileSlice slice) {
        ByteBuf buffer = ctx.alloc().ioBuffer(slice.size());
        try {
            while (buffer.readableBytes() < slice.size()) {
                int n = buffer.writeBytes(slice.channel(), slice.position() + buffer.readableBytes(),
                        slice.size() - buffer.readableBytes());
                if (n < 0) {
                    throw new UncheckedIOException(new EOFException("segment ended inside a fetched slice at position "
                            + (slice.position() + buffer.readableBytes())));
                }
            }
            return buffer;
        } catch (IOException e) {
            buffer.release();
            throw new UncheckedIOException("cannot read a fetched slice for TLS", e);
        } catch (RuntimeException e) {
            buffer.release();
            throw e;
        }
    }
}
