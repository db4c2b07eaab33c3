package io.ferrymq.common.record;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.xerial.snappy.Snappy;

/**
 * Reads xerial's snappy framing as Kafka writes it (snappy-java's {@code SnappyOutputStream}): a
 * 16-byte header ({@code 0x82 "SNAPPY" 0x00}, version, compatible version), then chunks of
 * {@code int32 length} + one raw snappy block. Unlike snappy-java's own reader, which allocates
 * whatever a chunk or block header declares, every length is checked first: a chunk cannot be longer
 * than the compressed bytes, and a block cannot inflate beyond what snappy's format allows for its
 * size (a copy element of at least 2 bytes yields at most 64), so a hostile header costs no memory.
 * Not thread-safe.
 */
final class SnappyFramedInputStream extends InputStream {

    private static final byte[] MAGIC = {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
    private static final int HEADER_SIZE = 16;
    private static final int MAX_EXPANSION = 32;

    private final DataInputStream in;
    private final int compressedSize;
    private byte[] compressed = new byte[0];
    private byte[] block = new byte[0];
    private int position;
    private int limit;

    /**
     * @param compressedSize the bytes of the whole compressed stream, the bound of any chunk
     * @throws IOException when the header is not xerial's
     */
    SnappyFramedInputStream(InputStream in, int compressedSize) throws IOException {
        this.in = new DataInputStream(in);
        this.compressedSize = compressedSize;
        byte[] header = new byte[HEADER_SIZE];
        this.in.readFully(header);
        if (!Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)) {
            throw new IOException("not a snappy-java (xerial) stream: bad magic header");
        }
    }

    @Override
    public int read() throws IOException {
        if (position == limit && !nextBlock()) {
            return -1;
        }
        return block[position++] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == limit && !nextBlock()) {
            return -1;
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(block, position, bytes, offset, n);
        position += n;
        return n;
    }

    private boolean nextBlock() throws IOException {
        int chunkLength;
        do {
            try {
                chunkLength = in.readInt();
            } catch (EOFException end) {
                return false;
            }
            if (chunkLength < 0 || chunkLength > compressedSize) {
                throw new IOException("snappy chunk declares " + chunkLength + " bytes in a stream of "
                        + compressedSize);
            }
        } while (chunkLength == 0);
        if (compressed.length < chunkLength) {
            compressed = new byte[chunkLength];
        }
        in.readFully(compressed, 0, chunkLength);
        int inflated = Snappy.uncompressedLength(compressed, 0, chunkLength);
        if (inflated < 0 || inflated > (long) chunkLength * MAX_EXPANSION + 64) {
            throw new IOException("snappy block of " + chunkLength + " bytes declares " + inflated
                    + " uncompressed bytes, more than the format can encode");
        }
        if (block.length < inflated) {
            block = new byte[inflated];
        }
        limit = Snappy.uncompress(compressed, 0, chunkLength, block, 0);
        position = 0;
        return limit > 0 || nextBlock();
    }
}
