package io.ferrymq.client.network;

import io.ferrymq.common.protocol.EncodedFrame;
import io.ferrymq.common.protocol.RecordSource;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultFileRegion;
import java.util.concurrent.RejectedExecutionException;

/**
 * Writes an {@link EncodedFrame} to a channel as one uninterrupted run of messages: the head buffer,
 * then each record source, memory buffers wrapped without copying and file slices as
 * {@link DefaultFileRegion}s (sent with {@code sendfile} by both the epoll and NIO transports). All
 * writes of a frame happen in one task on the channel's event loop, so frames written from several
 * threads never interleave. Segment files are shared with the log and must stay open: each region is
 * given one extra reference, so Netty's release after the write never reaches zero and never closes
 * the {@code FileChannel} (the region object is simply garbage collected). Stateless and thread-safe.
 */
public final class FrameWriter {

    private FrameWriter() {
    }

    /** Writes and flushes the frame; the returned future completes when its last part is written. */
    public static ChannelFuture write(Channel channel, EncodedFrame frame) {
        ChannelPromise promise = channel.newPromise();
        if (channel.eventLoop().inEventLoop()) {
            writeParts(channel, frame, promise);
            return promise;
        }
        try {
            channel.eventLoop().execute(() -> writeParts(channel, frame, promise));
        } catch (RejectedExecutionException e) {
            frame.release();
            promise.setFailure(e);
        }
        return promise;
    }

    private static void writeParts(Channel channel, EncodedFrame frame, ChannelPromise promise) {
        if (frame.records().isEmpty()) {
            channel.writeAndFlush(frame.head(), promise);
            return;
        }
        channel.write(frame.head(), channel.voidPromise());
        int last = frame.records().size() - 1;
        for (int i = 0; i <= last; i++) {
            writeSource(channel, frame.records().get(i), i == last ? promise : null);
        }
        channel.flush();
    }

    private static void writeSource(Channel channel, RecordSource source, ChannelPromise promise) {
        if (source.sizeInBytes() == 0) {
            if (promise != null) {
                write(channel, Unpooled.EMPTY_BUFFER, promise);
            }
        } else if (source instanceof RecordSource.Composite composite) {
            int last = composite.parts().size() - 1;
            for (int i = 0; i <= last; i++) {
                writeSource(channel, composite.parts().get(i), i == last ? promise : null);
            }
        } else if (source instanceof RecordSource.FileSlice slice) {
            DefaultFileRegion region = new DefaultFileRegion(slice.file().channel(), slice.position(), slice.size());
            region.retain();
            write(channel, region, promise);
        } else if (source instanceof RecordSource.Memory memory) {
            write(channel, Unpooled.wrappedBuffer(memory.buffer()), promise);
        }
    }

    private static void write(Channel channel, Object message, ChannelPromise promise) {
        channel.write(message, promise == null ? channel.voidPromise() : promise);
    }
}
