package io.ferrymq.common.record;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import io.ferrymq.common.errors.CorruptRecordException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHashFactory;
import org.xerial.snappy.SnappyOutputStream;

/**
 * Compresses the records section of a batch and opens decompressing streams over compressed ones,
 * in exactly Kafka's framing, so batches pass between Ferry and Kafka untouched:
 * <ul>
 *   <li>gzip: the JDK's {@code java.util.zip} streams;</li>
 *   <li>snappy: xerial's block framing (snappy-java's {@code SnappyOutputStream}, 32 KiB blocks), read
 *       back by {@link SnappyFramedInputStream}, which bounds every allocation;</li>
 *   <li>lz4: the LZ4 frame format (lz4-java), 64 KiB independent blocks, no checksums but the
 *       header's, as Kafka's {@code Lz4BlockOutputStream} writes it; read with the pure-Java safe
 *       decompressor;</li>
 *   <li>zstd: zstd-jni's streams at level 3, Kafka's default; windows above 16 MiB
 *       ({@value #ZSTD_WINDOW_LOG_MAX}) are refused, which bounds the decoder's native memory.</li>
 * </ul>
 * Decompression is always streamed, never whole-batch; the caller bounds the work (see
 * {@link ByteSource#inflating}). Stateless and thread-safe.
 */
final class Compression {

    static final int ZSTD_WINDOW_LOG_MAX = 24;
    private static final int GZIP_BUFFER = 8 * 1024;
    private static final int SNAPPY_BLOCK = 32 * 1024;
    private static final int ZSTD_LEVEL = 3;

    private Compression() {
    }

    /** Writes {@code records} (position to limit) compressed with {@code type} to {@code out}. */
    static void compress(CompressionType type, ByteBuffer records, ByteBufferOutputStream out) {
        try (OutputStream stream = compressing(type, out)) {
            if (records.hasArray()) {
                stream.write(records.array(), records.arrayOffset() + records.position(), records.remaining());
            } else {
                byte[] copy = new byte[records.remaining()];
                records.duplicate().get(copy);
                stream.write(copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(type.configName() + " compression failed", e);
        }
    }

    private static OutputStream compressing(CompressionType type, OutputStream out) throws IOException {
        return switch (type) {
            case GZIP -> new GZIPOutputStream(out, GZIP_BUFFER);
            case SNAPPY -> new SnappyOutputStream(out, SNAPPY_BLOCK);
            case LZ4 -> new LZ4FrameOutputStream(out, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB, -1L,
                    LZ4Factory.fastestJavaInstance().fastCompressor(), XXHashFactory.fastestJavaInstance().hash32(),
                    LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE);
            case ZSTD -> new ZstdOutputStreamNoFinalizer(out, ZSTD_LEVEL);
            case NONE -> throw new IllegalArgumentException("no codec to compress with for compression type none");
        };
    }

    /**
     * A stream that inflates {@code compressed} as it is read: nothing is materialized here, so the
     * caller bounds the work (see {@link ByteSource#inflating}).
     *
     * @throws CorruptRecordException when the stream's header does not decode
     */
    static InputStream decompressing(CompressionType type, ByteBuffer compressed) {
        InputStream in = new ByteBufferInputStream(compressed);
        try {
            return switch (type) {
                case GZIP -> new GZIPInputStream(in, GZIP_BUFFER);
                case SNAPPY -> new SnappyFramedInputStream(in, compressed.remaining());
                case LZ4 -> new LZ4FrameInputStream(in, LZ4Factory.safeInstance().safeDecompressor(),
                        XXHashFactory.safeInstance().hash32());
                case ZSTD -> new ZstdInputStreamNoFinalizer(in).setLongMax(ZSTD_WINDOW_LOG_MAX);
                case NONE -> in;
            };
        } catch (IOException | RuntimeException e) {
            throw new CorruptRecordException(type.configName() + " records section does not decompress: "
                    + e.getMessage(), e);
        }
    }

    static final class ByteBufferInputStream extends InputStream {
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
            if (length == 0) {
                return 0;
            }
            if (!buffer.hasRemaining()) {
                return -1;
            }
            int n = Math.min(length, buffer.remaining());
            buffer.get(bytes, offset, n);
            return n;
        }

        @Override
        public int available() {
            return buffer.remaining();
        }
    }
}
