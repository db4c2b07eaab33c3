package io.ferrymq.broker.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A zero-copy view of whole record batches in a segment file: channel, position and size. Send
 * it with {@link #transferTo} (or Netty's {@code DefaultFileRegion(channel, position, size)}),
 * copy it with {@link #readFully()}. The bytes stay valid until the segment is deleted or
 * truncated (retention, follower truncation); after that a read may fail with an I/O error.
 * Immutable; thread-safe (positional reads only).
 */
public record FileSlice(FileChannel channel, long position, int size) {

    public boolean isEmpty() {
        return size == 0;
    }

    /** Copies the slice into {@code target} (which must have {@link #size()} bytes remaining). */
    public void readInto(ByteBuffer target) {
        if (target.remaining() < size) {
            throw new IllegalArgumentException("target has " + target.remaining() + " bytes, slice needs " + size);
        }
        int end = target.position() + size;
        ByteBuffer window = target.duplicate().limit(end);
        try {
            while (window.hasRemaining()) {
                int read = channel.read(window, position + (window.position() - target.position()));
                if (read < 0) {
                    throw new IOException("segment ended inside a slice at " + position + "+" + size);
                }
            }
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

    /** Sends the whole slice to {@code target} with {@link FileChannel#transferTo} (sendfile where possible). */
    public long transferTo(WritableByteChannel target) {
        long sent = 0;
        try {
            while (sent < size) {
                long n = channel.transferTo(position + sent, size - sent, target);
                if (n <= 0 && !channel.isOpen()) {
                    throw new IOException("segment closed during transfer");
                }
                sent += n;
            }
            return sent;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot transfer log slice", e);
        }
    }
}
