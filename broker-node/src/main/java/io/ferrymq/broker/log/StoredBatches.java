package io.ferrymq.broker.log;

import io.ferrymq.client.record.RecordBatch;
import java.nio.ByteBuffer;

/**
 * Header-only passes over a buffer of batches that {@link LogValidator} already accepted:
 * offset and epoch stamping for leader appends, epoch discovery for follower appends, and the
 * offsets and timestamps an append covers. No per-record work. Stateless and thread-safe.
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

    private static int next(ByteBuffer buffer, int position) {
        return position + buffer.getInt(position + RecordBatch.LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD;
    }
}
