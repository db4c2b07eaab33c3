package io.ferrymq.broker.server;

import io.ferrymq.common.protocol.EncodedFrame;
import io.ferrymq.common.protocol.RecordSource;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;

/**
 * Writes an {@link EncodedFrame} to a channel: the head (length prefix, header, body), then each
 * record source as it is — memory buffers wrapped without copying, file slices as
 * {@link SliceFileRegion}s sent with {@code sendfile}. Nothing is flushed here.
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
            return ctx.write(new SliceFileRegion(slice.channel(), slice.position(), slice.size()));
        }
        ChannelFuture result = last;
        for (RecordSource part : ((RecordSource.Composite) source).parts()) {
            result = writeSource(ctx, part, result);
        }
        return result;
    }
}
