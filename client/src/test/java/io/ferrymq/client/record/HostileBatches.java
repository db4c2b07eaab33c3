package io.ferrymq.client.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.CRC32C;
import java.util.zip.GZIPOutputStream;

/** Hand-built batches a hostile client might send, each with a correct CRC32C (shared through the test-jar). */
public final class HostileBatches {

    private HostileBatches() {
    }

    /**
     * A gzip batch of {@code records} valid records, each with a {@code valueBytes}-byte value of zeros:
     * small compressed, huge inflated, and nothing but a cap on inflated bytes stops it.
     */
    public static ByteBuffer bomb(int records, int valueBytes) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] zeros = new byte[valueBytes];
        try (OutputStream gzip = new GZIPOutputStream(compressed, 64 * 1024)) {
            for (int i = 0; i < records; i++) {
                ByteBuffer head = ByteBuffer.allocate(32);
                int bodySize = 1 + 1 + Varints.sizeOfVarint(i) + 1 + Varints.sizeOfVarint(valueBytes) + valueBytes + 1;
                Varints.writeVarint(bodySize, head);
                head.put((byte) 0);
                Varints.writeVarlong(0, head);
                Varints.writeVarint(i, head);
                Varints.writeVarint(-1, head);
                Varints.writeVarint(valueBytes, head);
                gzip.write(head.array(), 0, head.position());
                gzip.write(zeros);
                gzip.write(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return batch(compressed.toByteArray(), records, CompressionType.GZIP.id());
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

    /** Recomputes the CRC after a field inside the CRC range was changed. */
    public static ByteBuffer fixCrc(ByteBuffer batch) {
        CRC32C crc = new CRC32C();
        crc.update(batch.duplicate().position(RecordBatch.ATTRIBUTES_OFFSET));
        batch.putInt(RecordBatch.CRC_OFFSET, (int) crc.getValue());
        return batch;
    }
}
