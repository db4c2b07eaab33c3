package io.ferrymq.broker.replication;

import io.ferrymq.broker.log.LeaderEpochCache;
import io.ferrymq.broker.log.LogDirFailureChannel;
import io.ferrymq.broker.log.LogAppendInfo;
import io.ferrymq.broker.log.LogReadInfo;
import io.ferrymq.broker.log.PartitionLog;
import io.ferrymq.broker.log.TimestampAndOffset;
import io.ferrymq.broker.log.ValidatedBatches;
import io.ferrymq.broker.partition.EpochEndOffset;
import io.ferrymq.broker.partition.ReplicaLog;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.record.CompressionType;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The storage module's {@link PartitionLog} and its leader-epoch cache seen as a {@link ReplicaLog}.
 * Reads come back as zero-copy file slices of the segment files. Every operation that touches the
 * disk goes through the {@link LogDirFailureChannel}: a disk error takes the log dir offline and is
 * rethrown, so the request in flight gets {@code KAFKA_STORAGE_ERROR}.
 *
 * <p>Thread-safe as the underlying log is.
 */
final class PartitionLogReplica implements ReplicaLog {

    private final PartitionLog log;
    private final LogDirFailureChannel failures;
    private final Path logDir;

    PartitionLogReplica(PartitionLog log, LogDirFailureChannel failures) {
        this.log = log;
        this.failures = failures;
        this.logDir = log.dir().getParent();
    }

    private <T> T guard(String operation, Supplier<T> action) {
        return failures.guard(logDir, operation + " of " + log.topicPartition(), action);
    }

    private void guardRun(String operation, Runnable action) {
        failures.guardRun(logDir, operation + " of " + log.topicPartition(), action);
    }

    @Override
    public ValidatedBatches validateAsLeader(ByteBuffer batches, Optional<CompressionType> topicCodec) {
        return ValidatedBatches.validate(batches, log.config(), topicCodec);
    }

    @Override
    public LogAppendInfo appendAsLeader(ValidatedBatches batches, int leaderEpoch) {
        return guard("leader append", () -> log.appendAsLeader(batches, leaderEpoch));
    }

    @Override
    public LogAppendInfo appendAsFollower(ByteBuffer batches) {
        return guard("follower append", () -> log.appendAsFollower(batches));
    }

    @Override
    public RecordSource read(long startOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch) {
        LogReadInfo read = guard("read", () -> log.read(startOffset, maxBytes, maxOffsetExclusive, minOneBatch));
        if (read.records().size() == 0) {
            return RecordSource.EMPTY;
        }
        return RecordSource.ofFile(read.records().file(), read.records().position(), read.records().size());
    }

    @Override
    public long logStartOffset() {
        return log.logStartOffset();
    }

    @Override
    public long logEndOffset() {
        return log.logEndOffset();
    }

    @Override
    public Optional<TimestampAndOffset> offsetForTimestamp(long timestamp) {
        return guard("offset lookup", () -> log.offsetForTimestamp(timestamp));
    }

    @Override
    public Optional<TimestampAndOffset> maxTimestampRecord() {
        return guard("max timestamp lookup", log::maxTimestampRecord);
    }

    @Override
    public void truncateTo(long offset) {
        guardRun("truncation", () -> log.truncateTo(offset));
    }

    @Override
    public void truncateFullyAndStartAt(long offset) {
        guardRun("truncation", () -> log.truncateFullyAndStartAt(offset));
    }

    @Override
    public void assignEpoch(int leaderEpoch, long startOffset) {
        guardRun("leader-epoch checkpoint", () -> log.leaderEpochCache().assign(leaderEpoch, startOffset));
    }

    @Override
    public OptionalInt latestEpoch() {
        return log.leaderEpochCache().latestEpoch();
    }

    @Override
    public Optional<EpochEndOffset> endOffsetFor(int leaderEpoch) {
        LeaderEpochCache.EpochEndOffset found = log.leaderEpochCache().endOffsetFor(leaderEpoch, log.logEndOffset());
        if (found.epoch() == LeaderEpochCache.UNDEFINED_EPOCH || found.endOffset() == LeaderEpochCache.UNDEFINED_OFFSET) {
            return Optional.empty();
        }
        return Optional.of(new EpochEndOffset(found.epoch(), found.endOffset()));
    }
}
