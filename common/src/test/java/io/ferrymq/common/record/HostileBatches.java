package io.ferrymq.common.record;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;

/** Hand-built batches a hostile client might send, each with a correct CRC32C (shared through the test-jar). */
public final class HostileBatches {

    /** RFC 1952 member header: magic, deflate, no flags, no mtime, no extra flags, unknown OS. */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private HostileBatches() {
    }

    /**
     * A gzip batch of {@code records} valid records, each with a null key and a value of
     * {@code valueBytes} zeros: about a thousandth of {@code records * valueBytes} compressed, all of
     * it once inflated, so nothing but a cap on inflated bytes stops it. One gzip member whose deflate
     * stream is a chain of independently compressed, byte-aligned pieces (each ended by a full flush,
     * so none refers back to another): the zeros are compressed once and repeated, which keeps
     * building a gigabyte bomb quick.
     */
    public static ByteBuffer bomb(int records, int valueBytes) {
        byte[] zerosThenNoHeaders = new byte[valueBytes + 1];
        byte[] zerosDeflated = deflateAlone(zerosThenNoHeaders, Deflater.FULL_FLUSH);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(GZIP_HEADER);
        CRC32 crc = new CRC32();
        long size = 0;
        for (int i = 0; i < records; i++) {
            byte[] prefix = recordPrefix(i, valueBytes);
            out.writeBytes(deflateAlone(prefix, Deflater.FULL_FLUSH));
            out.writeBytes(zerosDeflated);
            crc.update(prefix);
            crc.update(zerosThenNoHeaders);
            size += prefix.length + zerosThenNoHeaders.length;
        }
        out.writeBytes(deflateAlone(new byte[0], Deflater.NO_FLUSH));
        ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        trailer.putInt((int) crc.getValue()).putInt((int) size);
        out.writeBytes(trailer.array());
        return batch(out.toByteArray(), records, CompressionType.GZIP.id());
    }

    /** A header-only batch (61 bytes) claiming {@code Integer.MAX_VALUE} records. */
    public static ByteBuffer lyingCount() {
        return batch(new byte[0], Integer.MAX_VALUE, 0);
    }

    /** A batch claiming {@code records} records whose records section is random noise. */
    public static ByteBuffer noise(int records, int bytes, long seed) {
        byte[] noise = new byte[bytes];
        new Random(seed).nextBytes(noise);
        return batch(noise, records, 0);
    }

    /** A v2 header over {@code body} claiming {@code records} records, timestamps 0, CRC computed. */
    public static ByteBuffer batch(byte[] body, int records, int attributes) {
        ByteBuffer batch = ByteBuffer.allocate(RecordBatch.HEADER_SIZE + body.length);
        batch.putLong(0L);
        batch.putInt(batch.capacity() - RecordBatch.LOG_OVERHEAD);
        batch.putInt(-1);
        batch.put(RecordBatch.MAGIC);
        batch.putInt(0);
        batch.putShort((short) attributes);
        batch.putInt(records - 1);
        batch.putLong(0L);
        batch.putLong(0L);
        batch.putLong(RecordBatch.NO_PRODUCER_ID);
        batch.putShort(RecordBatch.NO_PRODUCER_EPOCH);
        batch.putInt(RecordBatch.NO_SEQUENCE);
        batch.putInt(records);
        batch.put(body);
        return fixCrc(batch.flip());
    }

    /** A valid uncompressed batch of string values (timestamp 0, null keys), built by the client's builder. */
    public static ByteBuffer valid(String... values) {
        RecordBatchBuilder builder = RecordBatchBuilder.allocate(256, CompressionType.NONE);
        for (String value : values) {
            builder.append(0L, null, value.getBytes(StandardCharsets.UTF_8));
        }
        builder.build();
        return builder.buffer().flip();
    }

    /** The batches one after the other, as one partition's data in a produce request. */
    public static ByteBuffer concat(ByteBuffer... batches) {
        int size = 0;
        for (ByteBuffer b : batches) {
            size += b.remaining();
        }
        ByteBuffer all = ByteBuffer.allocate(size);
        for (ByteBuffer b : batches) {
            all.put(b.duplicate());
        }
        return all.flip();
    }

    /** Recomputes the CRC after a field inside the CRC range was changed. */
    public static ByteBuffer fixCrc(ByteBuffer batch) {
        CRC32C crc = new CRC32C();
        crc.update(batch.duplicate().position(RecordBatch.ATTRIBUTES_OFFSET));
        batch.putInt(RecordBatch.CRC_OFFSET, (int) crc.getValue());
        return batch;
    }

    /** A record up to its value bytes: length, attributes, timestamp delta 0, offset delta, null key, value length. */
    private static byte[] recordPrefix(int offsetDelta, int valueBytes) {
        ByteBuffer head = ByteBuffer.allocate(32);
        int bodySize = 1 + 1 + Varints.sizeOfVarint(offsetDelta) + 1 + Varints.sizeOfVarint(valueBytes) + valueBytes + 1;
        Varints.writeVarint(bodySize, head);
        head.put((byte) 0);
        Varints.writeVarlong(0, head);
        Varints.writeVarint(offsetDelta, head);
        Varints.writeVarint(-1, head);
        Varints.writeVarint(valueBytes, head);
        return Arrays.copyOf(head.array(), head.position());
    }

    /**
     * Raw deflate of {@code input} by a fresh deflater: with {@code FULL_FLUSH} non-final blocks
     * ending byte-aligned, otherwise (finish) ending with the final block.
     */
    private static byte[] deflateAlone(byte[] input, int flush) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(input);
            if (flush == Deflater.NO_FLUSH) {
                deflater.finish();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[64 * 1024];
            int n;
            do {
                n = deflater.deflate(chunk, 0, chunk.length, flush);
                out.write(chunk, 0, n);
            } while (n == chunk.length || (flush == Deflater.NO_FLUSH && !deflater.finished()));
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }
}
