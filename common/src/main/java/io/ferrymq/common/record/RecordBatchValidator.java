package io.ferrymq.common.record;

import io.ferrymq.common.errors.CorruptRecordException;
import io.ferrymq.common.errors.InvalidRecordException;
import io.ferrymq.common.errors.RecordTooLargeException;

/**
 * Checks every byte of a batch a client sends, as Kafka's {@code LogValidator} does, before any of
 * it is written: the header ({@link RecordBatch#ensureValid()}: magic, CRC32C, record count against
 * the last offset delta), then
 * <ul>
 *   <li>attributes: a known codec, no reserved bits, no control or transactional batch (Ferry has no
 *       transactions);</li>
 *   <li>producer fields consistent: a producer id of -1 or one with a non-negative epoch and base
 *       sequence;</li>
 *   <li>at least one record, and exactly {@code recordCount} records filling the records section, each
 *       checked field by field ({@link RecordReader}: lengths adding up, varints in range, offset
 *       deltas 0..n-1 in order; an uncompressed section by {@link RecordScan} first);</li>
 *   <li>for create-time batches, the header's max timestamp equals the largest record timestamp.</li>
 * </ul>
 * A compressed records section is inflated as a stream and never held whole; more than
 * {@code maxDecompressedBytes} inflated bytes are refused ({@link RecordTooLargeException}). Nothing
 * is allocated per record, nor per uncompressed batch: one outside a heap array (a request frame's
 * direct buffer) is walked from the thread's reused {@link ScanScratch} copy. Structural header faults are {@link CorruptRecordException}s, record
 * faults {@link InvalidRecordException}s. Stateless and thread-safe.
 */
public final class RecordBatchValidator {

    private static final int RESERVED_ATTRIBUTES = 0xffc0;

    /** What validation learnt of a batch. */
    public record Validated(int records, long maxTimestamp) {
    }

    private RecordBatchValidator() {
    }

    /** Checks the batch; throws naming the first problem found. */
    public static Validated validate(RecordBatch batch, long maxDecompressedBytes) {
        batch.ensureValid();
        int count = batch.recordCount();
        if (count == 0) {
            throw new InvalidRecordException("batch holds no records");
        }
        if (batch.lastOffsetDelta() != count - 1) {
            throw new CorruptRecordException("batch at offset " + batch.baseOffset() + " has last offset delta "
                    + batch.lastOffsetDelta() + " but " + count + " records");
        }
        checkAttributes(batch);
        checkProducerFields(batch);
        long maxTimestamp = walkRecords(batch, count, maxDecompressedBytes);
        if (batch.timestampType() == TimestampType.CREATE_TIME && maxTimestamp != batch.maxTimestamp()) {
            throw new InvalidRecordException("header max timestamp " + batch.maxTimestamp()
                    + " differs from the records' largest timestamp " + maxTimestamp);
        }
        return new Validated(count, batch.timestampType() == TimestampType.CREATE_TIME ? maxTimestamp
                : batch.maxTimestamp());
    }

    /**
     * Checks the records and returns their largest create time: in memory by {@link RecordScan} first,
     * and by the {@link RecordReader}, which names the fault, when that refuses them or they are compressed.
     */
    private static long walkRecords(RecordBatch batch, int count, long maxDecompressedBytes) {
        ByteSource source = batch.scanningRecordsSource(maxDecompressedBytes);
        if (source instanceof ByteSource.BufferSource inMemory) {
            RecordScan scan = inMemory.scan();
            if (scan.isValid(count, batch.firstTimestamp())) {
                return scan.maxTimestamp();
            }
            source = batch.scanningRecordsSource(maxDecompressedBytes);
        }
        RecordReader reader = new RecordReader(source, batch.baseOffset(), batch.firstTimestamp(), -1L);
        long maxTimestamp = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            maxTimestamp = Math.max(maxTimestamp, reader.skip(i));
        }
        if (!source.atEnd()) {
            throw new InvalidRecordException("records section holds bytes after its " + count + " records");
        }
        return maxTimestamp;
    }

    private static void checkAttributes(RecordBatch batch) {
        int attributes = batch.attributes() & 0xffff;
        if ((attributes & RESERVED_ATTRIBUTES) != 0) {
            throw new InvalidRecordException("attributes 0x" + Integer.toHexString(attributes)
                    + " set reserved bits 6-15");
        }
        if (batch.isControlBatch()) {
            throw new InvalidRecordException("clients may not write control batches");
        }
        if (batch.isTransactional()) {
            throw new InvalidRecordException("transactional batches are not supported (Ferry has no transactions)");
        }
        int codec = attributes & RecordBatch.COMPRESSION_MASK;
        if (codec > CompressionType.ZSTD.id()) {
            throw new InvalidRecordException("attributes name unknown compression codec id " + codec);
        }
    }

    private static void checkProducerFields(RecordBatch batch) {
        long producerId = batch.producerId();
        if (producerId < RecordBatch.NO_PRODUCER_ID) {
            throw new InvalidRecordException("producer id " + producerId + " is negative and not -1 (none)");
        }
        if (producerId >= 0 && (batch.producerEpoch() < 0 || batch.baseSequence() < 0)) {
            throw new InvalidRecordException("producer id " + producerId + " comes with producer epoch "
                    + batch.producerEpoch() + " and base sequence " + batch.baseSequence() + "; both must be >= 0");
        }
    }
}
