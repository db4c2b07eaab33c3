package io.ferrymq.broker.log.cleaner;

import io.ferrymq.common.record.Record;
import io.ferrymq.common.record.RecordBatch;
import io.ferrymq.common.record.RecordBatchBuilder;
import io.ferrymq.common.record.TimestampType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the cleaner keeps of one batch (Kafka's {@code MemoryRecords.filterTo} with the cleaner's
 * retention rule). A record is kept when it has a key and no later offset of that key is in the
 * {@link OffsetMap}; a kept tombstone (null value) is dropped once its batch's delete horizon has
 * passed (KIP-534). A batch whose every record is kept and that needs no new horizon is kept byte for
 * byte; otherwise it is rebuilt with the kept records at their own offsets, in its codec, with its
 * base offset, last offset, leader epoch, producer id, epoch and base sequence and timestamp type, and,
 * when it holds a tombstone and had no horizon yet, the horizon {@code now + delete.retention.ms}. A
 * batch left with no record is dropped, unless it is a producer's last batch, which stays as an empty
 * batch so the producer's sequence numbers survive (Kafka keeps it for the same reason). Ferry has no
 * transactions, so there are no control batches or aborted records to consider.
 *
 * <p>Stateless and thread-safe; the map is the caller's.
 */
public final class BatchFilter {

    /**
     * What became of a batch: its bytes to write (empty to drop it), counts for the cleaner's statistics,
     * and whether a kept record is a tombstone (a later cleaning will drop it after its horizon).
     */
    public record Result(Optional<ByteBuffer> retained, int recordsRead, int recordsRetained, boolean tombstonesKept) {
    }

    private BatchFilter() {
    }

    /**
     * @param keepEvenIfEmpty the batch is the last of a producer whose state the log keeps
     */
    public static Result filter(RecordBatch batch, OffsetMap map, long nowMs, long deleteRetentionMs,
                                boolean keepEvenIfEmpty) {
        OptionalLong horizon = batch.deleteHorizonMs();
        boolean dropTombstones = horizon.isPresent() && nowMs >= horizon.getAsLong();
        List<Record> kept = new ArrayList<>();
        int read = 0;
        boolean tombstones = false;
        for (Record record : batch) {
            read++;
            if (shouldRetain(record, map, dropTombstones)) {
                kept.add(record);
                tombstones |= record.value().isEmpty();
            }
        }
        boolean needsHorizon = tombstones && horizon.isEmpty();
        if (kept.size() == read && !needsHorizon) {
            return new Result(Optional.of(batch.buffer()), read, read, tombstones);
        }
        if (kept.isEmpty()) {
            return new Result(keepEvenIfEmpty ? Optional.of(RecordBatchBuilder.emptyBatchLike(batch)) : Optional.empty(),
                    read, 0, false);
        }
        return new Result(Optional.of(rebuild(batch, kept, needsHorizon ? OptionalLong.of(nowMs + deleteRetentionMs)
                : horizon)), read, kept.size(), tombstones);
    }

    private static boolean shouldRetain(Record record, OffsetMap map, boolean dropTombstones) {
        if (record.key().isEmpty()) {
            return false;
        }
        if (record.offset() < map.get(record.key().get())) {
            return false;
        }
        return record.value().isPresent() || !dropTombstones;
    }

    private static ByteBuffer rebuild(RecordBatch batch, List<Record> kept, OptionalLong horizon) {
        RecordBatchBuilder builder = new RecordBatchBuilder(ByteBuffer.allocate(batch.sizeInBytes() + 64),
                batch.compression(), batch.baseOffset())
                .partitionLeaderEpoch(batch.partitionLeaderEpoch())
                .producer(batch.producerId(), batch.producerEpoch(), batch.baseSequence())
                .overrideLastOffset(batch.lastOffset());
        if (batch.timestampType() == TimestampType.LOG_APPEND_TIME) {
            builder.logAppendTime();
        }
        horizon.ifPresent(builder::deleteHorizon);
        for (Record record : kept) {
            builder.appendWithOffset(record.offset(), record.timestamp(), record.key().orElse(null),
                    record.value().orElse(null), record.headers());
        }
        builder.build();
        return builder.buffer().flip();
    }
}
