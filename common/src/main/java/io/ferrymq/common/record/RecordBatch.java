package io.ferrymq.common.record;

import io.ferrymq.common.errors.CorruptRecordException;
import io.ferrymq.common.errors.InvalidRecordException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.CRC32C;

/**
 * A view over one record batch in a {@link ByteBuffer}, byte for byte Kafka's record batch v2
 * (magic 2). Fixed header, big-endian:
 * <pre>
 *  0 baseOffset int64        8 batchLength int32 (bytes after this field)
 * 12 partitionLeaderEpoch int32   16 magic int8 = 2   17 crc uint32 (CRC32C of bytes 21..end)
 * 21 attributes int16 (bits 0-2 codec, 3 timestamp type, 4 transactional, 5 control, 6 delete horizon)
 * 23 lastOffsetDelta int32  27 baseTimestamp int64  35 maxTimestamp int64
 * 43 producerId int64       51 producerEpoch int16   53 baseSequence int32
 * 57 recordCount int32      61 records (see {@link Record}), compressed as one stream if a codec is set
 * </pre>
 * baseOffset and partitionLeaderEpoch lie outside the CRC range, so a broker rewrites them in
 * place ({@link #setBaseOffset}, {@link #setPartitionLeaderEpoch}) without touching the CRC.
 * Accessors read the buffer at absolute indexes and allocate nothing. Not thread-safe for
 * writers; concurrent readers are safe while nobody writes the underlying bytes.
 */
public final class RecordBatch implements Iterable<Record> {

    public static final int LOG_OVERHEAD = 12;
    public static final int HEADER_SIZE = 61;
    public static final byte MAGIC = 2;
    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;
    public static final int NO_SEQUENCE = -1;
    public static final int NO_PARTITION_LEADER_EPOCH = -1;

    public static final int LENGTH_OFFSET = 8;
    public static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
    public static final int MAGIC_OFFSET = 16;
    public static final int CRC_OFFSET = 17;
    public static final int ATTRIBUTES_OFFSET = 21;
    public static final int LAST_OFFSET_DELTA_OFFSET = 23;
    public static final int BASE_TIMESTAMP_OFFSET = 27;
    public static final int MAX_TIMESTAMP_OFFSET = 35;
    public static final int PRODUCER_ID_OFFSET = 43;
    public static final int PRODUCER_EPOCH_OFFSET = 51;
    public static final int BASE_SEQUENCE_OFFSET = 53;
    public static final int RECORD_COUNT_OFFSET = 57;
    static final int COMPRESSION_MASK = 0x07;
    static final int TIMESTAMP_TYPE_MASK = 0x08;
    static final int TRANSACTIONAL_MASK = 0x10;
    static final int CONTROL_MASK = 0x20;
    static final int DELETE_HORIZON_MASK = 0x40;

    private final ByteBuffer buffer;

    private RecordBatch(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    /**
     * A view over the batch starting at the buffer's position (the position is not moved).
     *
     * @throws CorruptRecordException when fewer than {@link #LOG_OVERHEAD} bytes remain, the
     *     declared length is below the v2 header size, or the declared length runs past the limit
     */
    public static RecordBatch wrap(ByteBuffer buffer) {
        int start = buffer.position();
        int size = RecordBatches.checkedSizeAt(buffer, start, buffer.limit());
        return new RecordBatch(buffer.slice(start, size));
    }

    public long baseOffset() {
        return buffer.getLong(0);
    }

    public int lastOffsetDelta() {
        return buffer.getInt(LAST_OFFSET_DELTA_OFFSET);
    }

    public long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    /** The offset after this batch's last offset. */
    public long nextOffset() {
        return lastOffset() + 1;
    }

    /** The whole batch in bytes, including the 12-byte log overhead. */
    public int sizeInBytes() {
        return LOG_OVERHEAD + buffer.getInt(LENGTH_OFFSET);
    }

    public int partitionLeaderEpoch() {
        return buffer.getInt(PARTITION_LEADER_EPOCH_OFFSET);
    }

    public byte magic() {
        return buffer.get(MAGIC_OFFSET);
    }

    /** The stored CRC32C, unsigned. */
    public long crc() {
        return Integer.toUnsignedLong(buffer.getInt(CRC_OFFSET));
    }

    /** The CRC32C of bytes from {@code attributes} to the end, as it should be stored. */
    public long computeChecksum() {
        CRC32C crc = new CRC32C();
        crc.update(buffer.slice(ATTRIBUTES_OFFSET, buffer.limit() - ATTRIBUTES_OFFSET));
        return crc.getValue();
    }

    public short attributes() {
        return buffer.getShort(ATTRIBUTES_OFFSET);
    }

    public CompressionType compression() {
        return CompressionType.forId(attributes() & COMPRESSION_MASK);
    }

    public TimestampType timestampType() {
        return (attributes() & TIMESTAMP_TYPE_MASK) == 0 ? TimestampType.CREATE_TIME : TimestampType.LOG_APPEND_TIME;
    }

    public boolean isTransactional() {
        return (attributes() & TRANSACTIONAL_MASK) != 0;
    }

    /** KIP-534: the log cleaner stored the tombstones' delete horizon as the base timestamp. */
    public boolean hasDeleteHorizon() {
        return (attributes() & DELETE_HORIZON_MASK) != 0;
    }

    /** The time after which the cleaner drops this batch's tombstones; empty unless {@link #hasDeleteHorizon()}. */
    public java.util.OptionalLong deleteHorizonMs() {
        return hasDeleteHorizon() ? java.util.OptionalLong.of(firstTimestamp()) : java.util.OptionalLong.empty();
    }

    public boolean isControlBatch() {
        return (attributes() & CONTROL_MASK) != 0;
    }

    /** Kafka's {@code baseTimestamp}: the first record's timestamp. */
    public long firstTimestamp() {
        return buffer.getLong(BASE_TIMESTAMP_OFFSET);
    }

    public long maxTimestamp() {
        return buffer.getLong(MAX_TIMESTAMP_OFFSET);
    }

    public long producerId() {
        return buffer.getLong(PRODUCER_ID_OFFSET);
    }

    public short producerEpoch() {
        return buffer.getShort(PRODUCER_EPOCH_OFFSET);
    }

    public int baseSequence() {
        return buffer.getInt(BASE_SEQUENCE_OFFSET);
    }

    public int recordCount() {
        return buffer.getInt(RECORD_COUNT_OFFSET);
    }

    /** Rewrites the base offset in place; outside the CRC range, so the batch stays valid. */
    public void setBaseOffset(long baseOffset) {
        buffer.putLong(0, baseOffset);
    }

    /** Rewrites the partition leader epoch in place; outside the CRC range. */
    public void setPartitionLeaderEpoch(int epoch) {
        buffer.putInt(PARTITION_LEADER_EPOCH_OFFSET, epoch);
    }

    /**
     * Stamps the batch with the broker's clock, in place, as Kafka's {@code setMaxTimestamp(LOG_APPEND_TIME,
     * timestamp)} does: the max timestamp becomes {@code timestamp}, the timestamp-type attribute bit is
     * set (readers then give every record this timestamp) and the CRC is computed again, since both
     * fields lie in its range. The records themselves are not rewritten.
     */
    public void setLogAppendTime(long timestamp) {
        buffer.putShort(ATTRIBUTES_OFFSET, (short) (attributes() | TIMESTAMP_TYPE_MASK));
        buffer.putLong(MAX_TIMESTAMP_OFFSET, timestamp);
        buffer.putInt(CRC_OFFSET, (int) computeChecksum());
    }

    /** A read-only view of the batch's bytes (position 0, limit {@link #sizeInBytes()}). */
    public ByteBuffer buffer() {
        return buffer.asReadOnlyBuffer();
    }

    public boolean isValid() {
        try {
            ensureValid();
            return true;
        } catch (CorruptRecordException e) {
            return false;
        }
    }

    /**
     * Checks the header without decoding records: magic 2, CRC, a non-negative record count and
     * {@code lastOffsetDelta >= recordCount - 1} (a batch the log cleaner compacted keeps its last
     * offset while records are gone, as Kafka's does; a producer's batch must be dense, which
     * {@link RecordBatchValidator} checks). Throws {@link CorruptRecordException} naming the first
     * problem found.
     */
    public void ensureValid() {
        if (magic() != MAGIC) {
            throw new CorruptRecordException("batch at offset " + baseOffset() + " has magic " + magic()
                    + ", only magic 2 (record batch v2) is supported");
        }
        long computed = computeChecksum();
        if (computed != crc()) {
            throw new CorruptRecordException("batch at offset " + baseOffset() + " has CRC " + crc()
                    + " but its bytes compute to " + computed);
        }
        int count = recordCount();
        if (count < 0) {
            throw new CorruptRecordException("batch at offset " + baseOffset() + " has negative record count " + count);
        }
        if (count > 0 && lastOffsetDelta() < count - 1) {
            throw new CorruptRecordException("batch at offset " + baseOffset() + " has last offset delta "
                    + lastOffsetDelta() + " but " + count + " records");
        }
        if (count == 0 && lastOffsetDelta() < 0) {
            throw new CorruptRecordException("empty batch at offset " + baseOffset()
                    + " has negative last offset delta " + lastOffsetDelta());
        }
    }

    /** Decodes every record (decompressing if needed) into a list. */
    public List<Record> records() {
        List<Record> records = new ArrayList<>(Math.max(0, recordCount()));
        forEach(records::add);
        return records;
    }

    /**
     * Iterates the records, checking each (see {@link RecordReader}). Uncompressed, key and value
     * views share this batch's bytes; compressed, the records section is inflated as a stream, one
     * record at a time, and each record's views share one copy of that record's bytes.
     */
    @Override
    public Iterator<Record> iterator() {
        long fixedTimestamp = timestampType() == TimestampType.LOG_APPEND_TIME ? maxTimestamp() : -1L;
        return new RecordIterator(recordsSource(Long.MAX_VALUE), baseOffset(), firstTimestamp(), recordCount(),
                fixedTimestamp);
    }

    /** The records section, inflated as it is read when compressed, refused past {@code maxInflatedBytes}. */
    ByteSource recordsSource(long maxInflatedBytes) {
        return recordsSource(maxInflatedBytes, false);
    }

    /**
     * {@link #recordsSource(long)} for one pass that keeps nothing it reads (validation): an
     * uncompressed section outside a heap array is read from the thread's {@link ScanScratch}.
     */
    ByteSource scanningRecordsSource(long maxInflatedBytes) {
        return recordsSource(maxInflatedBytes, true);
    }

    private ByteSource recordsSource(long maxInflatedBytes, boolean scanning) {
        ByteBuffer body = buffer.slice(HEADER_SIZE, buffer.limit() - HEADER_SIZE);
        CompressionType compression = compression();
        if (compression == CompressionType.NONE) {
            return scanning ? ByteSource.scanning(body) : ByteSource.of(body);
        }
        return ByteSource.inflating(Compression.decompressing(compression, body), maxInflatedBytes);
    }

    @Override
    public String toString() {
        return "RecordBatch(baseOffset=" + baseOffset() + ", lastOffset=" + lastOffset() + ", count="
                + recordCount() + ", size=" + sizeInBytes() + ", epoch=" + partitionLeaderEpoch()
                + ", compression=" + (attributes() & COMPRESSION_MASK) + ", maxTimestamp=" + maxTimestamp()
                + ", crc=" + crc() + ")";
    }

    private static final class RecordIterator implements Iterator<Record> {
        private final ByteSource source;
        private final RecordReader reader;
        private final long baseOffset;
        private final int count;
        private int index;

        RecordIterator(ByteSource source, long baseOffset, long baseTimestamp, int count, long fixedTimestamp) {
            this.source = source;
            this.reader = new RecordReader(source, baseOffset, baseTimestamp, fixedTimestamp);
            this.baseOffset = baseOffset;
            this.count = count;
        }

        @Override
        public boolean hasNext() {
            return index < count;
        }

        @Override
        public Record next() {
            if (index >= count) {
                throw new NoSuchElementException();
            }
            Record record = reader.read(index);
            index++;
            if (index == count && !source.atEnd()) {
                throw new InvalidRecordException("batch at offset " + baseOffset + " has bytes after its " + count
                        + " records");
            }
            return record;
        }
    }
}
