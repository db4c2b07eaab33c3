package io.ferrymq.broker.log;

import io.ferrymq.common.protocol.SegmentChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * A zero-copy view of whole record batches in a segment file: the file, position and size. Send
 * it with {@link #transferTo}, copy it with {@link #readFully()}. The slice names its
 * {@link SegmentFile} (a {@link SegmentChannel}), not a channel: when the segment's descriptor is
 * released meanwhile (the open-file cap, or idleness), a read or transfer that meets the closed
 * channel reopens the file and carries on. The bytes stay valid until the segment is deleted or
 * truncated (retention, follower truncation); after that a read fails with an I/O error.
 * Immutable; thread-safe (positional reads only).
 */
public record FileSlice(SegmentChannel file, long position, int size) {

    public boolean isEmpty() {
        return size == 0;
    }

    /** Copies the slice into {@code target} (which must have {@link #size()} bytes remaining). */
    public void readInto(ByteBuffer target) {
        if (target.remaining() < size) {
            throw new IllegalArgumentException("target has " + target.remaining() + " bytes, slice needs " + size);
        }
        int start = target.position();
        int end = start + size;
        ByteBuffer window = target.duplicate().limit(end);
        try {
            file.withChannel(channel -> {
                while (window.hasRemaining()) {
                    int read = channel.read(window, position + (window.position() - start));
                    if (read < 0) {
                        throw new IOException("segment ended inside a slice at " + position + "+" + size);
                    }
                }
                return window;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read log slice", e);
        }
        target.position(end);
    }

    /** The slice's bytes in a new heap buffer (position 0). */
    public ByteBuffer readFully() {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        readInto(buffer);
        return buffer.flip();
    }

    /** Sends the whole slice to a blocking {@code target} with {@code FileChannel.transferTo} (sendfile where possible). */
    public long transferTo(WritableByteChannel target) {
        long[] sent = {0};
        try {
            while (sent[0] < size) {
                long n = file.withChannel(channel -> channel.transferTo(position + sent[0], size - sent[0], target));
                if (n <= 0) {
                    throw new IOException("segment ended inside a slice at " + position + "+" + size + " after "
                            + sent[0] + " bytes");
                }
                sent[0] += n;
            }
            return sent[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot transfer log slice", e);
        }
    }
}
