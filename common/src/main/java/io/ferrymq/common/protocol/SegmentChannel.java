package io.ferrymq.common.protocol;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The file a {@link RecordSource.FileSlice} reads from, as a source of its current
 * {@link FileChannel} rather than a channel: a broker may release a segment's descriptor while a
 * slice of it is queued for sending, and {@link #channel()} reopens the file. An operation that
 * meets a {@link ClosedChannelException} because the channel was released under it runs once more
 * on a fresh channel ({@link #withChannel}); slices are read with positional reads, so the retry is
 * idempotent. A file that was closed for good (its segment deleted or truncated away) makes
 * {@link #channel()} throw, as a read of a deleted file always did.
 *
 * <p>Implementations are thread-safe.
 */
public interface SegmentChannel {

    /**
     * The open channel, opened now if the file was released.
     *
     * @throws java.io.UncheckedIOException with a {@link ClosedChannelException} cause when the file
     *     was closed for good, or the cause of a failed open
     */
    FileChannel channel();

    /** A source that always gives {@code channel} (files nobody releases, e.g. in tests and tools). */
    static SegmentChannel of(FileChannel channel) {
        Objects.requireNonNull(channel, "channel");
        return () -> channel;
    }

    /**
     * Runs {@code io} on the current channel; when it fails with a {@link ClosedChannelException}
     * (including {@link java.nio.channels.AsynchronousCloseException}) and {@link #channel()} now
     * gives another channel (the file was released and reopened), runs it once more on that one.
     * {@code io} must be idempotent (positional reads and writes).
     */
    default <T> T withChannel(ChannelOperation<T> io) throws IOException {
        return retryOnce(this::channel, io);
    }

    /**
     * The rule of {@link #withChannel} over any source of the current channel: runs {@code io} on
     * {@code channels.get()}, and once more on a newer channel if the first was closed under it.
     */
    static <T> T retryOnce(Supplier<FileChannel> channels, ChannelOperation<T> io) throws IOException {
        FileChannel first = channels.get();
        try {
            return io.apply(first);
        } catch (ClosedChannelException released) {
            FileChannel again = channels.get();
            if (again == first) {
                throw released;
            }
            return io.apply(again);
        }
    }

    /** One I/O step over a file channel. */
    @FunctionalInterface
    interface ChannelOperation<T> {
        T apply(FileChannel channel) throws IOException;
    }
}
