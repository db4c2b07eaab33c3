package io.ferrymq.client.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Compresses the records section of a batch with the in-process codecs (gzip via
 * {@code java.util.zip}) and opens decompressing streams over compressed ones; decompression is
 * always streamed, never whole-batch. Stateless and thread-safe.
 */
final class Compression {

    private static final int GZIP_BUFFER = 8 * 1024;

    private Compression() {
    }

    /** Writes {@code records} (position to limit) compressed with {@code type} to {@code out}. */
    static void compress(CompressionType type, ByteBuffer records, ByteBufferOutputStream out) {
        type.ensureSupported();
        try (OutputStream gzip = new GZIPOutputStream(out, GZIP_BUFFER)) {
            if (records.hasArray()) {
                gzip.write(records.array(), records.arrayOffset() + records.position(), records.remaining());
            } else {
                byte[] copy = new byte[records.remaining()];
                records.duplicate().get(copy);
                gzip.write(copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("gzip compression failed", e);
        }
    }

    /**
     * A stream that inflates {@code compressed} as it is read: nothing is materialized here, so the
     * caller bounds the work (see {@link ByteSource#inflating}).
     */
    static InputStream decompressing(CompressionType type, ByteBuffer compressed) {
        type.ensureSupported();
        try {
            return new GZIPInputStream(new ByteBufferInputStream(compressed), GZIP_BUFFER);
        } catch (IOException e) {
            throw new CorruptRecordException("gzip records section does not decompress: " + e.getMessage(), e);
        }
    }

    private static final class ByteBufferInputStream extends InputStream {
        private final ByteBuffer buffer;

        ByteBufferInputStream(ByteBuffer buffer) {
            this.buffer = buffer.duplicate();
        }

        @Override
        public int read() {
            return buffer.hasRemaining() ? buffer.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) {
            if (!buffer.hasRemaining()) {
                return -1;
            }
            int n = Math.min(length, buffer.remaining());
            buffer.get(bytes, offset, n);
            return n;
        }
    }
}
