package io.ferrymq.common.record;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Builds one record batch (v2, see {@link RecordBatch}) into a caller-provided buffer, e.g.
 * one taken from the producer's pool, starting at its position. Uncompressed records are
 * written straight into that buffer; gzip records are staged and compressed by {@link #build()}.
 * If the buffer runs out of room it is replaced by a larger heap buffer ({@link #buffer()}).
 * Timestamps are create-time; the base timestamp is the first record's. One builder builds one
 * batch; not thread-safe.
 */
public final class RecordBatchBuilder {

    private static final int GZIP_STAGING = 1024;

    private final ByteBufferOutputStream out;
    private final ByteBufferOutputStream records;
    private final CompressionType compression;
    private final int start;
    private final long baseOffset;
    private int partitionLeaderEpoch = RecordBatch.NO_PARTITION_LEADER_EPOCH;
    private long producerId = RecordBatch.NO_PRODUCER_ID;
    private short producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
    private int baseSequence = RecordBatch.NO_SEQUENCE;
    private int count;
    private long baseTimestamp;
    private long maxTimestamp = -1L;
    private int lastOffsetDelta = -1;
    private int lastAppendedDelta = -1;
    private short extraAttributes;
    private boolean fixedBaseTimestamp;
    private boolean built;

    /**
     * @param buffer where the batch goes, from its position; the caller owns it
     * @param compression the codec of the records section
     * @param baseOffset usually 0 from a producer; the leader assigns the real one
     */
    public RecordBatchBuilder(ByteBuffer buffer, CompressionType compression, long baseOffset) {
        this.compression = compression;
        this.out = new ByteBufferOutputStream(buffer);
        this.start = buffer.position();
        this.baseOffset = baseOffset;
        out.ensureRemaining(RecordBatch.HEADER_SIZE);
        out.buffer().position(start + RecordBatch.HEADER_SIZE);
        this.records = compression == CompressionType.NONE ? out
                : new ByteBufferOutputStream(ByteBuffer.allocate(GZIP_STAGING));
    }

    /**
     * The same batch with its records section in {@code target}'s codec (a topic whose
     * {@code compression.type} is not {@code producer}): base offset, leader epoch, producer fields,
     * timestamps, keys, values and headers kept. The records are decoded once, as a stream.
     */
    public static ByteBuffer recompress(RecordBatch batch, CompressionType target) {
        RecordBatchBuilder builder = new RecordBatchBuilder(ByteBuffer.allocate(batch.sizeInBytes()), target,
                batch.baseOffset()).partitionLeaderEpoch(batch.partitionLeaderEpoch())
                .producer(batch.producerId(), batch.producerEpoch(), batch.baseSequence());
        for (Record record : batch) {
            builder.append(record.timestamp(), record.key().orElse(null), record.value().orElse(null), record.headers());
        }
        builder.build();
        return builder.buffer().flip();
    }

    /**
     * A batch of no records standing for {@code original} (Kafka's {@code writeEmptyHeader}): its base
     * and last offsets, leader epoch, producer fields and timestamp type are kept, both timestamps are
     * its max timestamp, and it is uncompressed. The log cleaner keeps one where a producer's last
     * batch lost every record, so its sequence numbers survive.
     */
    public static ByteBuffer emptyBatchLike(RecordBatch original) {
        RecordBatchBuilder builder = new RecordBatchBuilder(ByteBuffer.allocate(RecordBatch.HEADER_SIZE),
                CompressionType.NONE, original.baseOffset())
                .partitionLeaderEpoch(original.partitionLeaderEpoch())
                .producer(original.producerId(), original.producerEpoch(), original.baseSequence())
                .overrideLastOffset(original.lastOffset());
        if (original.timestampType() == TimestampType.LOG_APPEND_TIME) {
            builder.logAppendTime();
        }
        builder.baseTimestamp = original.maxTimestamp();
        builder.maxTimestamp = original.maxTimestamp();
        builder.built = true;
        ByteBuffer out = builder.buffer();
        builder.writeHeader(out, RecordBatch.HEADER_SIZE);
        CRC32C crc = new CRC32C();
        crc.update(out.slice(RecordBatch.ATTRIBUTES_OFFSET, RecordBatch.HEADER_SIZE - RecordBatch.ATTRIBUTES_OFFSET));
        out.putInt(RecordBatch.CRC_OFFSET, (int) crc.getValue());
        return out.position(0).limit(RecordBatch.HEADER_SIZE);
    }

    /** A builder over a fresh heap buffer of {@code initialCapacity} bytes. */
    public static RecordBatchBuilder allocate(int initialCapacity, CompressionType compression) {
        return new RecordBatchBuilder(ByteBuffer.allocate(initialCapacity), compression, 0L);
    }

    public RecordBatchBuilder partitionLeaderEpoch(int epoch) {
        this.partitionLeaderEpoch = epoch;
        return this;
    }

    /** Producer id, epoch and base sequence (idempotent producer); default -1 for each. */
    public RecordBatchBuilder producer(long id, short epoch, int sequence) {
        this.producerId = id;
        this.producerEpoch = epoch;
        this.baseSequence = sequence;
        return this;
    }

    /** Appends a record; a {@code null} key or value is Kafka's null (not empty). */
    public RecordBatchBuilder append(long timestamp, byte[] key, byte[] value) {
        return append(timestamp, wrap(key), wrap(value), List.of());
    }

    /** Appends a record with headers; a {@code null} key or value is Kafka's null (not empty). */
    public RecordBatchBuilder append(long timestamp, byte[] key, byte[] value, List<Header> headers) {
        return append(timestamp, wrap(key), wrap(value), headers);
    }

    /**
     * Appends a record, copying key and value (position to limit, buffers unchanged); a
     * {@code null} key or value is Kafka's null.
     */
    public RecordBatchBuilder append(long timestamp, ByteBuffer key, ByteBuffer value, List<Header> headers) {
        return appendWithOffsetDelta(lastAppendedDelta + 1, timestamp, key, value, headers);
    }

    /**
     * Appends a record at {@code offset}, which must exceed the last appended one's (the log
     * cleaner keeps each surviving record's offset, leaving gaps), copying key and value.
     */
    public RecordBatchBuilder appendWithOffset(long offset, long timestamp, ByteBuffer key, ByteBuffer value,
                                               List<Header> headers) {
        long delta = offset - baseOffset;
        if (delta <= lastAppendedDelta || delta > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("offset " + offset + " does not follow offset "
                    + (baseOffset + lastAppendedDelta) + " in a batch based at " + baseOffset);
        }
        return appendWithOffsetDelta((int) delta, timestamp, key, value, headers);
    }

    private RecordBatchBuilder appendWithOffsetDelta(int offsetDelta, long timestamp, ByteBuffer key, ByteBuffer value,
                                                     List<Header> headers) {
        if (built) {
            throw new IllegalStateException("batch already built");
        }
        if (count == 0 && !fixedBaseTimestamp) {
            baseTimestamp = timestamp;
        }
        long timestampDelta = timestamp - baseTimestamp;
        int bodySize = bodySize(timestampDelta, offsetDelta, key, value, headers);
        records.ensureRemaining(Varints.sizeOfVarint(bodySize) + bodySize);
        ByteBuffer buffer = records.buffer();
        Varints.writeVarint(bodySize, buffer);
        buffer.put((byte) 0);
        Varints.writeVarlong(timestampDelta, buffer);
        Varints.writeVarint(offsetDelta, buffer);
        writeKeyValueHeaders(buffer, key, value, headers);
        maxTimestamp = Math.max(maxTimestamp, timestamp);
        lastAppendedDelta = offsetDelta;
        count++;
        return this;
    }

    /**
     * Keeps {@code lastOffset} as the batch's last offset though its last records may be gone (the
     * log cleaner: a producer's sequence numbers run to it, as in Kafka's {@code overrideLastOffset}).
     */
    public RecordBatchBuilder overrideLastOffset(long lastOffset) {
        this.lastOffsetDelta = Math.toIntExact(lastOffset - baseOffset);
        return this;
    }

    /** Sets the log-append-time attribute: readers give every record the batch's max timestamp. */
    public RecordBatchBuilder logAppendTime() {
        extraAttributes |= RecordBatch.TIMESTAMP_TYPE_MASK;
        return this;
    }

    /**
     * KIP-534: stores {@code deleteHorizonMs} as the base timestamp (record timestamps stay deltas from
     * it) and sets the delete-horizon attribute; call before the first record is appended.
     */
    public RecordBatchBuilder deleteHorizon(long deleteHorizonMs) {
        if (count > 0) {
            throw new IllegalStateException("the delete horizon is set before records are appended");
        }
        extraAttributes |= RecordBatch.DELETE_HORIZON_MASK;
        baseTimestamp = deleteHorizonMs;
        fixedBaseTimestamp = true;
        return this;
    }

    /** Records appended so far. */
    public int recordCount() {
        return count;
    }

    /** The batch size so far if uncompressed (an upper bound for gzip, ignoring its framing). */
    public int estimatedSizeInBytes() {
        int staged = compression == CompressionType.NONE ? 0 : records.buffer().position();
        return out.buffer().position() - start + staged;
    }

    /** The bytes a record adds to an uncompressed batch (at most; timestamp delta assumed 8 bytes). */
    public static int estimateRecordSize(ByteBuffer key, ByteBuffer value, List<Header> headers) {
        int body = bodySize(Long.MAX_VALUE, Integer.MAX_VALUE, key, value, headers);
        return Varints.sizeOfVarint(body) + body;
    }

    /** True when no record is in yet (a first record always fits) or this one keeps the batch within the limit. */
    public boolean hasRoomFor(ByteBuffer key, ByteBuffer value, List<Header> headers, int sizeLimit) {
        return count == 0 || estimatedSizeInBytes() + estimateRecordSize(key, value, headers) <= sizeLimit;
    }

    /**
     * Finishes the batch: compresses if asked, writes the header and CRC, leaves the buffer's
     * position after the batch and returns a view over it.
     *
     * @throws IllegalStateException when no record was appended or the batch was already built
     */
    public RecordBatch build() {
        if (built || count == 0) {
            throw new IllegalStateException(built ? "batch already built" : "a batch needs at least one record");
        }
        built = true;
        if (compression != CompressionType.NONE) {
            Compression.compress(compression, records.buffer().flip(), out);
        }
        ByteBuffer buffer = out.buffer();
        int end = buffer.position();
        writeHeader(buffer, end - start);
        CRC32C crc = new CRC32C();
        crc.update(buffer.slice(start + RecordBatch.ATTRIBUTES_OFFSET, end - start - RecordBatch.ATTRIBUTES_OFFSET));
        buffer.putInt(start + RecordBatch.CRC_OFFSET, (int) crc.getValue());
        return RecordBatch.wrap(buffer.duplicate().position(start));
    }

    /** The buffer holding the batch: the caller's, or a larger copy if it had to grow. */
    public ByteBuffer buffer() {
        return out.buffer();
    }

    private void writeHeader(ByteBuffer buffer, int size) {
        buffer.putLong(start, baseOffset);
        buffer.putInt(start + RecordBatch.LENGTH_OFFSET, size - RecordBatch.LOG_OVERHEAD);
        buffer.putInt(start + RecordBatch.PARTITION_LEADER_EPOCH_OFFSET, partitionLeaderEpoch);
        buffer.put(start + RecordBatch.MAGIC_OFFSET, RecordBatch.MAGIC);
        buffer.putShort(start + RecordBatch.ATTRIBUTES_OFFSET, (short) (compression.id() | extraAttributes));
        buffer.putInt(start + RecordBatch.LAST_OFFSET_DELTA_OFFSET, Math.max(lastOffsetDelta, lastAppendedDelta));
        buffer.putLong(start + RecordBatch.BASE_TIMESTAMP_OFFSET, baseTimestamp);
        buffer.putLong(start + RecordBatch.MAX_TIMESTAMP_OFFSET, maxTimestamp);
        buffer.putLong(start + RecordBatch.PRODUCER_ID_OFFSET, producerId);
        buffer.putShort(start + RecordBatch.PRODUCER_EPOCH_OFFSET, producerEpoch);
        buffer.putInt(start + RecordBatch.BASE_SEQUENCE_OFFSET, baseSequence);
        buffer.putInt(start + RecordBatch.RECORD_COUNT_OFFSET, count);
    }

    private static void writeKeyValueHeaders(ByteBuffer buffer, ByteBuffer key, ByteBuffer value,
                                             List<Header> headers) {
        writeBytes(buffer, key);
        writeBytes(buffer, value);
        Varints.writeVarint(headers.size(), buffer);
        for (Header header : headers) {
            byte[] headerKey = header.key().getBytes(StandardCharsets.UTF_8);
            Varints.writeVarint(headerKey.length, buffer);
            buffer.put(headerKey);
            writeBytes(buffer, header.value().orElse(null));
        }
    }

    private static void writeBytes(ByteBuffer buffer, ByteBuffer bytes) {
        if (bytes == null) {
            Varints.writeVarint(-1, buffer);
        } else {
            Varints.writeVarint(bytes.remaining(), buffer);
            buffer.put(bytes.duplicate());
        }
    }

    private static int bodySize(long timestampDelta, int offsetDelta, ByteBuffer key, ByteBuffer value,
                                List<Header> headers) {
        int size = 1 + Varints.sizeOfVarlong(timestampDelta) + Varints.sizeOfVarint(offsetDelta)
                + sizeOfBytes(key) + sizeOfBytes(value) + Varints.sizeOfVarint(headers.size());
        for (Header header : headers) {
            int keyLength = header.key().getBytes(StandardCharsets.UTF_8).length;
            size += Varints.sizeOfVarint(keyLength) + keyLength + sizeOfBytes(header.value().orElse(null));
        }
        return size;
    }

    private static int sizeOfBytes(ByteBuffer bytes) {
        return bytes == null ? 1 : Varints.sizeOfVarint(bytes.remaining()) + bytes.remaining();
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }
}
