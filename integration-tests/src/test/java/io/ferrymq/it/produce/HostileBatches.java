package io.ferrymq.it.produce;

import io.ferrymq.client.record.CompressionType;
import io.ferrymq.client.record.RecordBatch;
import io.ferrymq.client.record.RecordBatchBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;

/**
 * Hand-built record batches (v2, see {@link RecordBatch} for the layout) that a hostile client
 * could send: each has a correct CRC32C, so only checks of what the batch says (inflated size,
 * record count, record structure) can refuse it. Valid batches come from the client's own
 * {@link RecordBatchBuilder}. Every method returns a fresh buffer positioned at the batch.
 * Stateless and thread-safe.
 */
final class HostileBatches {

    /** Codec id of gzip in the attributes. */
    private static final short GZIP = 1;
    /** RFC 1952 member header: magic, deflate, no flags, no mtime, no extra flags, unknown OS. */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private HostileBatches() {
    }

    /**
     * A gzip batch of {@code records} valid records, each with a null key and a value of
     * {@code valueBytes} zeros: about a thousandth of {@code records * valueBytes} on the wire,
     * all of it once inflated. One gzip member whose deflate stream is a chain of independently
     * compressed, byte-aligned pieces (each ended by a full flush, so none refers back to another):
     * the zeros are compressed once and repeated, which keeps building a gigabyte bomb quick.
     */
    static ByteBuffer gzipBomb(int records, int valueBytes) {
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
        out.writeBytes(deflateAlone(new byte[0], Deflater.NO_FLUSH)); // the final, empty block
        ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        trailer.putInt((int) crc.getValue()).putInt((int) size);
        out.writeBytes(trailer.array());
        return batch(GZIP, records - 1, records, out.toByteArray());
    }

    /** A batch of header only (61 bytes, no records) claiming {@code Integer.MAX_VALUE} records. */
    static ByteBuffer lyingCount() {
        return batch((short) 0, Integer.MAX_VALUE - 1, Integer.MAX_VALUE, new byte[0]);
    }

    /** An uncompressed batch claiming 10 records whose records section is {@code bytes} random bytes. */
    static ByteBuffer noise(long seed, int bytes) {
        byte[] random = new byte[bytes];
        new Random(seed).nextBytes(random);
        return batch((short) 0, 9, 10, random);
    }

    /** A valid uncompressed batch of string values, built by the client's own builder. */
    static ByteBuffer valid(String... values) {
        RecordBatchBuilder builder = RecordBatchBuilder.allocate(256, CompressionType.NONE);
        for (String value : values) {
            builder.append(1_000L, null, value.getBytes(StandardCharsets.UTF_8));
        }
        RecordBatch batch = builder.build();
        return copy(batch.buffer());
    }

    /** The batches one after the other, as one partition's data in a produce request. */
    static ByteBuffer concat(ByteBuffer... batches) {
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

    private static ByteBuffer batch(short attributes, int lastOffsetDelta, int recordCount, byte[] recordsSection) {
        ByteBuffer b = ByteBuffer.allocate(RecordBatch.HEADER_SIZE + recordsSection.length);
        b.putLong(0, 0L);
        b.putInt(RecordBatch.LENGTH_OFFSET, b.capacity() - RecordBatch.LOG_OVERHEAD);
        b.putInt(RecordBatch.PARTITION_LEADER_EPOCH_OFFSET, RecordBatch.NO_PARTITION_LEADER_EPOCH);
        b.put(RecordBatch.MAGIC_OFFSET, RecordBatch.MAGIC);
        b.putShort(RecordBatch.ATTRIBUTES_OFFSET, attributes);
        b.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, lastOffsetDelta);
        b.putLong(RecordBatch.BASE_TIMESTAMP_OFFSET, 1_000L);
        b.putLong(RecordBatch.MAX_TIMESTAMP_OFFSET, 1_000L);
        b.putLong(RecordBatch.PRODUCER_ID_OFFSET, RecordBatch.NO_PRODUCER_ID);
        b.putShort(RecordBatch.PRODUCER_EPOCH_OFFSET, RecordBatch.NO_PRODUCER_EPOCH);
        b.putInt(RecordBatch.BASE_SEQUENCE_OFFSET, RecordBatch.NO_SEQUENCE);
        b.putInt(RecordBatch.RECORD_COUNT_OFFSET, recordCount);
        b.put(RecordBatch.HEADER_SIZE, recordsSection);
        CRC32C crc = new CRC32C();
        crc.update(b.slice(RecordBatch.ATTRIBUTES_OFFSET, b.capacity() - RecordBatch.ATTRIBUTES_OFFSET));
        b.putInt(RecordBatch.CRC_OFFSET, (int) crc.getValue());
        return b;
    }

    /** A record up to its value bytes: length, attributes, timestamp delta 0, offset delta, null key, value length. */
    private static byte[] recordPrefix(int offsetDelta, int valueBytes) {
        byte[] afterLength = concat(new byte[] {0}, zigzag(0), zigzag(offsetDelta), zigzag(-1), zigzag(valueBytes));
        int bodySize = afterLength.length + valueBytes + 1;
        return concat(zigzag(bodySize), afterLength);
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

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Kafka's zigzag varint (as protocol buffers' sint32). */
    private static byte[] zigzag(int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(5);
        int v = (value << 1) ^ (value >> 31);
        while ((v & 0xffffff80) != 0) {
            out.write((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write(v);
        return out.toByteArray();
    }

    private static ByteBuffer copy(ByteBuffer source) {
        ByteBuffer out = ByteBuffer.allocate(source.remaining());
        out.put(source.duplicate());
        return out.flip();
    }
}
