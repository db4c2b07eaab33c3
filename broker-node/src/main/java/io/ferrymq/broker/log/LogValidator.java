package io.ferrymq.broker.log;

import io.ferrymq.client.record.CompressionType;
import io.ferrymq.client.record.CorruptRecordException;
import io.ferrymq.client.record.RecordBatch;
import io.ferrymq.client.record.RecordBatches;
import io.ferrymq.client.record.RecordTooLargeException;
import java.nio.ByteBuffer;

/**
 * Validates batches before they reach the log, reading header fields only (no per-record
 * objects) except for compressed batches, whose records are decoded to check their offset
 * deltas. Checks: bounds and declared lengths, magic, CRC32C, record count against the last
 * offset delta, a non-empty batch, a supported codec, the size limit, the whole append fitting
 * in one segment; for follower appends also contiguous offsets. Pure and thread-safe.
 */
final class LogValidator {

    /** What validation learnt about an append. */
    record Summary(int batches, int records, int sizeInBytes, long firstBaseOffset, long lastOffset) {
    }

    private LogValidator() {
    }

    /**
     * @param maxBatchBytes {@code message.max.bytes} for a leader; the segment size for a follower
     * @param contiguous whether offsets must run on from batch to batch (follower appends)
     */
    static Summary validate(ByteBuffer batches, int maxBatchBytes, int segmentBytes, boolean contiguous) {
        int start = batches.position();
        int limit = batches.limit();
        if (limit == start) {
            throw new CorruptRecordException("append holds no record batches (0 bytes)");
        }
        if (limit - start > segmentBytes) {
            throw new RecordListTooLargeException("append of " + (limit - start) + " bytes exceeds the segment size "
                    + segmentBytes + " (log.segment.bytes)");
        }
        int count = 0;
        int records = 0;
        long firstBase = -1L;
        long expected = -1L;
        for (int position = start; position < limit; ) {
            int size = RecordBatches.checkedSizeAt(batches, position, limit);
            RecordBatch batch = RecordBatch.wrap(batches.duplicate().position(position));
            validateBatch(batch, position - start, maxBatchBytes);
            if (contiguous && count > 0 && batch.baseOffset() != expected) {
                throw new CorruptRecordException("batch " + count + " starts at offset " + batch.baseOffset()
                        + " but the previous batch ended before " + expected);
            }
            firstBase = count == 0 ? batch.baseOffset() : firstBase;
            expected = batch.nextOffset();
            records += batch.recordCount();
            count++;
            position += size;
        }
        return new Summary(count, records, limit - start, firstBase, expected - 1);
    }

    private static void validateBatch(RecordBatch batch, int position, int maxBatchBytes) {
        if (batch.sizeInBytes() > maxBatchBytes) {
            throw new RecordTooLargeException("batch at position " + position + " is " + batch.sizeInBytes()
                    + " bytes, above the limit of " + maxBatchBytes + " (message.max.bytes)");
        }
        batch.ensureValid();
        if (batch.recordCount() == 0) {
            throw new CorruptRecordException("batch at position " + position + " holds no records");
        }
        if (batch.compression() != CompressionType.NONE) {
            batch.ensureValidRecords();
        }
    }
}
