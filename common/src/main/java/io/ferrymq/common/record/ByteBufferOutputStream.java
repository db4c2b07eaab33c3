package io.ferrymq.common.record;

import io.ferrymq.common.errors.RecordTooLargeException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * An {@link OutputStream} writing into a {@link ByteBuffer} that is replaced by a larger heap
 * buffer (contents copied) when it runs out of room. {@link #buffer()} returns the current
 * buffer, which is the caller's original one as long as it was big enough. Not thread-safe.
 */
final class ByteBufferOutputStream extends OutputStream {

    private ByteBuffer buffer;

    ByteBufferOutputStream(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    ByteBuffer buffer() {
        return buffer;
    }

    /** Makes sure {@code bytes} more bytes fit after the position, growing at least twofold. */
    void ensureRemaining(int bytes) {
        if (buffer.remaining() >= bytes) {
            return;
        }
        long needed = (long) buffer.position() + bytes;
        long capacity = Math.max(needed, Math.min(Integer.MAX_VALUE - 8, (long) buffer.capacity() * 2));
        if (needed > Integer.MAX_VALUE - 8) {
            throw new RecordTooLargeException("a batch cannot exceed 2 GiB");
        }
        ByteBuffer grown = ByteBuffer.allocate((int) capacity);
        buffer.flip();
        grown.put(buffer);
        buffer = grown;
    }

    @Override
    public void write(int b) {
        ensureRemaining(1);
        buffer.put((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensureRemaining(length);
        buffer.put(bytes, offset, length);
    }
}
