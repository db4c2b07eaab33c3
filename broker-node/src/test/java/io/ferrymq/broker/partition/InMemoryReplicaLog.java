package io.ferrymq.broker.partition;

import io.ferrymq.broker.log.LogAppendInfo;
import io.ferrymq.broker.log.LogConfig;
import io.ferrymq.broker.log.TimestampAndOffset;
import io.ferrymq.broker.log.ValidatedBatches;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.RecordBatch;
import io.ferrymq.common.record.RecordBatches;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A {@link ReplicaLog} kept in memory, for unit tests of the replication state machine: real
 * record batches, offsets and an epoch cache, no files. Not thread-safe beyond synchronized methods.
 */
final class InMemoryReplicaLog implements ReplicaLog {

    private final List<RecordBatch> batches = new ArrayList<>();
    private final TreeMap<Integer, Long> epochs = new TreeMap<>();
    private long logStartOffset;
    private long logEndOffset;

    @Override
    public ValidatedBatches validateAsLeader(ByteBuffer batches, Optional<CompressionType> topicCodec) {
        return ValidatedBatches.validate(batches, LogConfig.defaults(Path.of("in-memory")), topicCodec);
    }

    @Override
    public synchronized LogAppendInfo appendAsLeader(ValidatedBatches input, int leaderEpoch) {
        List<RecordBatch> appended = copy(input.buffer());
        for (RecordBatch batch : appended) {
            batch.setBaseOffset(logEndOffset);
            batch.setPartitionLeaderEpoch(leaderEpoch);
            add(batch);
        }
        return infoOf(appended);
    }

    @Override
    public synchronized LogAppendInfo appendAsFollower(ByteBuffer input) {
        List<RecordBatch> appended = copy(input);
        for (RecordBatch batch : appended) {
            if (batch.baseOffset() != logEndOffset) {
                throw new IllegalStateException("batch at " + batch.baseOffset() + " does not follow log end " + logEndOffset);
            }
            add(batch);
        }
        return infoOf(appended);
    }

    /** What {@code PartitionLog} reports for these batches, just appended. */
    private LogAppendInfo infoOf(List<RecordBatch> appended) {
        RecordBatch max = appended.stream().reduce((a, b) -> b.maxTimestamp() > a.maxTimestamp() ? b : a).orElseThrow();
        return new LogAppendInfo(appended.get(0).baseOffset(), logEndOffset - 1, max.maxTimestamp(), max.lastOffset(),
                appended.stream().mapToInt(RecordBatch::recordCount).sum(), appended.size(),
                appended.stream().mapToInt(RecordBatch::sizeInBytes).sum(), logStartOffset, -1L);
    }

    private void add(RecordBatch batch) {
        if (latestEpoch().orElse(-1) < batch.partitionLeaderEpoch()) {
            epochs.put(batch.partitionLeaderEpoch(), batch.baseOffset());
        }
        batches.add(batch);
        logEndOffset = batch.nextOffset();
    }

    private static List<RecordBatch> copy(ByteBuffer input) {
        ByteBuffer owned = ByteBuffer.allocate(input.remaining()).put(input.duplicate()).flip();
        List<RecordBatch> out = new ArrayList<>();
        for (RecordBatch batch : RecordBatches.wrap(owned)) {
            out.add(batch);
        }
        return out;
    }

    @Override
    public synchronized RecordSource read(long startOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch) {
        List<RecordSource> parts = new ArrayList<>();
        int size = 0;
        for (RecordBatch batch : batches) {
            if (batch.lastOffset() < startOffset || batch.baseOffset() >= maxOffsetExclusive) {
                continue;
            }
            if (size + batch.sizeInBytes() > maxBytes && !(minOneBatch && parts.isEmpty())) {
                break;
            }
            parts.add(RecordSource.of(batch.buffer().duplicate()));
            size += batch.sizeInBytes();
        }
        return parts.isEmpty() ? RecordSource.EMPTY : RecordSource.of(RecordSource.concat(parts).toByteBuffer());
    }

    @Override
    public synchronized long logStartOffset() {
        return logStartOffset;
    }

    @Override
    public synchronized long logEndOffset() {
        return logEndOffset;
    }

    @Override
    public synchronized Optional<TimestampAndOffset> maxTimestampRecord() {
        RecordBatch latest = null;
        for (RecordBatch batch : batches) {
            if (batch.maxTimestamp() >= 0 && (latest == null || batch.maxTimestamp() > latest.maxTimestamp())) {
                latest = batch;
            }
        }
        return latest == null ? Optional.empty()
                : Optional.of(new TimestampAndOffset(latest.maxTimestamp(), latest.baseOffset(), latest.partitionLeaderEpoch()));
    }

    @Override
    public synchronized Optional<TimestampAndOffset> offsetForTimestamp(long timestamp) {
        for (RecordBatch batch : batches) {
            if (batch.maxTimestamp() >= timestamp) {
                return Optional.of(new TimestampAndOffset(batch.maxTimestamp(), batch.baseOffset(), batch.partitionLeaderEpoch()));
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void truncateTo(long offset) {
        batches.removeIf(b -> b.baseOffset() >= offset);
        logEndOffset = Math.min(logEndOffset, offset);
        epochs.entrySet().removeIf(e -> e.getValue() >= offset);
    }

    @Override
    public synchronized void truncateFullyAndStartAt(long offset) {
        batches.clear();
        epochs.clear();
        logStartOffset = offset;
        logEndOffset = offset;
    }

    @Override
    public synchronized void assignEpoch(int leaderEpoch, long startOffset) {
        epochs.put(leaderEpoch, startOffset);
    }

    @Override
    public synchronized OptionalInt latestEpoch() {
        return epochs.isEmpty() ? OptionalInt.empty() : OptionalInt.of(epochs.lastKey());
    }

    @Override
    public synchronized Optional<EpochEndOffset> endOffsetFor(int leaderEpoch) {
        Map.Entry<Integer, Long> floor = epochs.floorEntry(leaderEpoch);
        if (floor == null) {
            return Optional.empty();
        }
        Map.Entry<Integer, Long> next = epochs.higherEntry(floor.getKey());
        return Optional.of(new EpochEndOffset(floor.getKey(), next == null ? logEndOffset : next.getValue()));
    }

    /** Every batch as (baseOffset, epoch, crc) for comparing replicas. */
    synchronized List<String> describeBatches() {
        return batches.stream().map(b -> b.baseOffset() + "@" + b.partitionLeaderEpoch() + "#" + b.crc()).toList();
    }
}
