package io.ferrymq.broker.log;

import io.ferrymq.common.errors.CorruptRecordException;
import io.ferrymq.common.record.RecordBatch;
import java.nio.ByteBuffer;

/**
 * Header-only passes over a buffer of batches that {@link LogValidator} already accepted:
 * offset, epoch and log-append-time stamping for leader appends, epoch discovery for follower appends, and the
 * offsets and timestamps an append covers; and {@link #ensureAppendable}, which trusts nothing
 * and checks what a segment needs before it writes a byte. No per-record work. Stateless and
 * thread-safe.
 */
final class StoredBatches {

    /** The last offset of an append and its largest timestamp with the last offset of the batch carrying it. */
    record Extent(long lastOffset, long maxTimestamp, long offsetOfMaxTimestamp) {
    }

    private StoredBatches() {
    }

    /** Writes consecutive base offsets from {@code firstOffset} and {@code epoch} into every batch. */
    static void assignOffsetsAndEpoch(ByteBuffer buffer, long firstOffset, int epoch) {
        long offset = firstOffset;
        for (int p = buffer.position(); p < buffer.limit(); p = next(buffer, p)) {
            buffer.putLong(p, offset);
            buffer.putInt(p + RecordBatch.PARTITION_LEADER_EPOCH_OFFSET, epoch);
            offset += buffer.getInt(p + RecordBatch.LAST_OFFSET_DELTA_OFFSET) + 1L;
        }
    }

    /** Stamps every batch with {@code nowMs} as its log append time ({@link RecordBatch#setLogAppendTime}). */
    static void stampLogAppendTime(ByteBuffer buffer, long nowMs) {
        for (int p = buffer.position(); p < buffer.limit(); p = next(buffer, p)) {
            int size = buffer.getInt(p + RecordBatch.LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD;
            RecordBatch.wrap(buffer.slice(p, size)).setLogAppendTime(nowMs);
        }
    }

    /** Records in {@code cache} every batch epoch newer than the latest known, at the batch's base offset. */
    static void assignNewEpochs(ByteBuffer buffer, LeaderEpochCache cache) {
        for (int p = buffer.position(); p < buffer.limit(); p = next(buffer, p)) {
            int epoch = buffer.getInt(p + RecordBatch.PARTITION_LEADER_EPOCH_OFFSET);
            if (epoch >= 0 && epoch > cache.latestEpoch().orElse(-1)) {
                cache.assign(epoch, buffer.getLong(p));
            }
        }
    }

    /** The extent of the batches; {@code emptyLastOffset} when there are none. */
    static Extent extent(ByteBuffer buffer, long emptyLastOffset) {
        long lastOffset = emptyLastOffset;
        long maxTimestamp = -1L;
        long offsetOfMax = -1L;
        for (int p = buffer.position(); p < buffer.limit(); p = next(buffer, p)) {
            lastOffset = buffer.getLong(p) + buffer.getInt(p + RecordBatch.LAST_OFFSET_DELTA_OFFSET);
            long timestamp = buffer.getLong(p + RecordBatch.MAX_TIMESTAMP_OFFSET);
            if (timestamp > maxTimestamp) {
                maxTimestamp = timestamp;
                offsetOfMax = lastOffset;
            }
        }
        return new Extent(lastOffset, maxTimestamp, offsetOfMax);
    }

    /**
     * Checks that the batches can be written to a segment based at {@code segmentBaseOffset}
     * holding {@code fileSize} bytes and indexed there, so that nothing can fail halfway for a
     * reason known up front: every declared length stays inside the buffer, offsets strictly
     * increase from {@code minBaseOffset} (no batch covers fewer than one offset), every last
     * offset fits a 32-bit relative offset and the file stays below 2 GiB.
     *
     * @throws LogSegmentOffsetOverflowException an offset beyond {@code segmentBaseOffset + Integer.MAX_VALUE}
     * @throws CorruptRecordException a cut batch, a length that lies, offsets that do not increase
     * @throws RecordListTooLargeException the file would pass 2 GiB
     */
    static void ensureAppendable(ByteBuffer buffer, long segmentBaseOffset, long minBaseOffset, int fileSize) {
        int limit = buffer.limit();
        if ((long) fileSize + buffer.remaining() > Integer.MAX_VALUE) {
            throw new RecordListTooLargeException("append of " + buffer.remaining() + " bytes would take the segment at "
                    + segmentBaseOffset + " (" + fileSize + " bytes) past 2 GiB");
        }
        long minBase = minBaseOffset;
        for (int p = buffer.position(); p < limit; ) {
            long size = limit - p < RecordBatch.HEADER_SIZE ? -1L
                    : (long) buffer.getInt(p + RecordBatch.LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD;
            if (size < RecordBatch.HEADER_SIZE || size > limit - p) {
                throw new CorruptRecordException("batch at position " + (p - buffer.position()) + " is cut or declares "
                        + size + " bytes where " + (limit - p) + " remain");
            }
            long base = buffer.getLong(p);
            int delta = buffer.getInt(p + RecordBatch.LAST_OFFSET_DELTA_OFFSET);
            if (base < minBase || delta < 0) {
                throw new CorruptRecordException("batch at offset " + base + " with last offset delta " + delta
                        + " does not follow offset " + (minBase - 1) + " in the segment at " + segmentBaseOffset);
            }
            if (base - segmentBaseOffset > Integer.MAX_VALUE - (long) delta) {
                throw new LogSegmentOffsetOverflowException("batch at offset " + base + " ends at offset "
                        + (base + delta) + ", beyond the 32-bit relative offsets of the segment at " + segmentBaseOffset);
            }
            minBase = base + delta + 1;
            p += (int) size;
        }
    }

    private static int next(ByteBuffer buffer, int position) {
        return position + buffer.getInt(position + RecordBatch.LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD;
    }
}
