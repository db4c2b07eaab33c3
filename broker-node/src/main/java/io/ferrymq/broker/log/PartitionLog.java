package io.ferrymq.broker.log;

import io.ferrymq.broker.log.producer.BatchMetadata;
import io.ferrymq.broker.log.producer.ProducerBatch;
import io.ferrymq.broker.log.producer.ProducerStateEntry;
import io.ferrymq.broker.log.retention.RetentionPolicy;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.record.TimestampType;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of one partition: a directory of segments (see {@link LogSegment}, {@link LogFiles}).
 * Vocabulary (Kafka's): {@code baseOffset} is a segment's or batch's first offset;
 * {@code logStartOffset} the first offset kept; {@code logEndOffset} (exclusive) the offset the
 * next record gets; {@code highWatermark} the end of committed data (owned by the partition, passed
 * in as {@code maxOffsetExclusive} when reading); {@code relativeOffset} an offset minus its
 * segment's base; {@code position} a byte position in a segment file; {@code recoveryPoint} the
 * offset below which everything is fsynced.
 *
 * <p>Appends validate every batch first and change nothing when one is refused. An append is all
 * or nothing: when any step fails after validation (the roll, the segment write, an index
 * entry, the fsync of {@code log.flush.interval.messages}), the segments, their indexes, the log
 * end offset and the leader-epoch cache are put back as they were, and a segment rolled for the
 * append is deleted. Should putting them back fail too, the log refuses every later append until
 * it is reopened (and recovered). A leader append
 * assigns offsets and stamps its epoch in place (the caller's buffer is modified; a read-only
 * buffer is copied), and with {@code message.timestamp.type=LogAppendTime} its clock as every batch's
 * timestamp; a follower append keeps offsets, epochs and timestamps (the leader's bytes) and must
 * start at the log end. The configuration may change while the log is open ({@link #updateConfig}).
 *
 * <p>Idempotent producers ({@link LogProducerState}): a leader append is checked against each
 * producer's epoch and last sequences after offsets are assigned, under the lock; a refused one
 * changes nothing, and an append that is one duplicate batch writes nothing and answers the offsets
 * the batch got the first time. Every appended batch, leader or follower, then updates the state,
 * which is snapshotted at each roll and at close and rebuilt on open and truncation.
 *
 * <p>Retention ({@link LogRetention}) renames deleted segments to {@code .deleted} and removes
 * them later, so an in-flight zero-copy read of them completes; truncation (followers) deletes at
 * once. Fsyncs and the recovery point belong to {@link LogFlusher}.
 *
 * <p>Thread-safety: appends, truncation, roll and retention run one at a time under a lock;
 * reads and offset lookups take no lock and may run concurrently with them, seeing only batches
 * whose append completed. Flushes are serialized separately so an fsync never blocks readers.
 */
public final class PartitionLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);

    private final TopicPartition topicPartition;
    private final Path dir;
    private volatile LogConfig config;
    private final Clock clock;
    private volatile RollPolicy rollPolicy;
    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
    private final LeaderEpochCache leaderEpochCache;
    private final LogReader reader;
    private final LogRetention retention;
    private final LogFlusher flusher;
    private final LogProducerState producerState;
    private final AppendProbe probe;
    private final OpenSegmentFiles openFiles;
    private volatile long logStartOffset;
    private volatile long logEndOffset;
    private volatile boolean closed;
    private volatile RuntimeException undoFailure;

    private PartitionLog(Path dir, LogConfig config, Clock clock, LogLoader.Loaded loaded, AppendProbe probe,
                         OpenSegmentFiles openFiles) {
        this.topicPartition = LogFiles.parsePartitionDir(dir).orElseThrow(() -> new IllegalArgumentException(
                "partition directory " + dir + " is not named <topic>-<partition>"));
        this.dir = dir;
        this.config = config;
        this.clock = clock;
        this.rollPolicy = new RollPolicy(config.segmentBytes(), config.rollMs());
        this.retention = new LogRetention(retentionPolicy(config));
        this.probe = probe;
        this.openFiles = openFiles;
        loaded.segments().forEach(s -> segments.put(s.baseOffset(), s));
        this.reader = new LogReader(topicPartition, segments);
        this.logStartOffset = segments.firstKey();
        this.logEndOffset = loaded.logEndOffset();
        this.flusher = new LogFlusher(segments, this::logEndOffset, lock, clock, config, this::syncLeaderEpochs);
        this.leaderEpochCache = LeaderEpochCache.open(dir.resolve(LogFiles.LEADER_EPOCH_CHECKPOINT));
        leaderEpochCache.truncateFromEnd(logEndOffset);
        leaderEpochCache.truncateFromStart(logStartOffset);
        if (loaded.recoveredFrom() >= 0) {
            // The checkpoint is fsynced only before the recovery point moves (LogFlusher), so after a
            // crash of the machine epochs of the recovered tail may be missing from it: re-learn
            // them from the batches, as Kafka's recovery does.
            segments.tailMap(loaded.recoveredFrom()).values().forEach(segment -> segment.forEachBatchHeader(
                    batch -> leaderEpochCache.assign(batch.partitionLeaderEpoch(), batch.baseOffset())));
        }
        this.producerState = new LogProducerState(dir, topicPartition.toString(), config.producerIdExpirationMs());
        if (!loaded.created()) {
            producerState.load(segments, logStartOffset, logEndOffset, clock.millis());
        }
    }

    /**
     * Opens (creating if needed) the partition directory {@code <topic>-<partition>}, recovering
     * it when the previous shutdown was not clean (see {@link LogLoader}).
     *
     * @param recoveryPoint offset below which data was known fsynced (0 if unknown)
     */
    public static PartitionLog open(Path dir, LogConfig config, Clock clock, long recoveryPoint,
                                    boolean hadCleanShutdown) {
        return open(dir, config, clock, recoveryPoint, hadCleanShutdown,
                new OpenSegmentFiles(OpenSegmentFiles.DEFAULT_MAX_INACTIVE));
    }

    /**
     * {@link #open(Path, LogConfig, Clock, long, boolean)} with the descriptors of its inactive
     * segments counted against {@code openFiles}, the cap the broker's logs share.
     */
    public static PartitionLog open(Path dir, LogConfig config, Clock clock, long recoveryPoint,
                                    boolean hadCleanShutdown, OpenSegmentFiles openFiles) {
        return open(dir, config, clock, recoveryPoint, hadCleanShutdown, AppendProbe.NONE, openFiles);
    }

    /** {@link #open} with the steps of every append reported to {@code probe} (tests inject failures). */
    static PartitionLog open(Path dir, LogConfig config, Clock clock, long recoveryPoint, boolean hadCleanShutdown,
                             AppendProbe probe) {
        return open(dir, config, clock, recoveryPoint, hadCleanShutdown, probe,
                new OpenSegmentFiles(OpenSegmentFiles.DEFAULT_MAX_INACTIVE));
    }

    private static PartitionLog open(Path dir, LogConfig config, Clock clock, long recoveryPoint,
                                     boolean hadCleanShutdown, AppendProbe probe, OpenSegmentFiles openFiles) {
        LogLoader.Loaded loaded = LogLoader.load(dir, config, clock.millis(), recoveryPoint, hadCleanShutdown,
                openFiles);
        PartitionLog log = new PartitionLog(dir, config, clock, loaded, probe, openFiles);
        if (!hadCleanShutdown) {
            log.flush();
        }
        log.flusher.resetTo(hadCleanShutdown ? Math.min(Math.max(recoveryPoint, log.logEndOffset), log.logEndOffset)
                : log.logEndOffset);
        return log;
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public Path dir() {
        return dir;
    }

    public LogConfig config() {
        return config;
    }

    /**
     * Applies a new configuration (its topic's overrides changed) to the live log, from the next
     * operation on: appends validate against its {@code max.message.bytes} and {@code segment.bytes},
     * roll by its {@code segment.bytes} and {@code segment.ms}, stamp by its
     * {@code message.timestamp.type}, flush by its {@code flush.*}; retention passes apply its
     * {@code retention.*}; segments created from now on get its index settings (existing ones keep
     * theirs, as their index files are already sized). The log directories must not change.
     */
    public void updateConfig(LogConfig updated) {
        if (!updated.logDirs().equals(config.logDirs())) {
            throw new IllegalArgumentException("log of " + topicPartition + " cannot move from " + config.logDirs()
                    + " to " + updated.logDirs());
        }
        lock.lock();
        try {
            config = updated;
            rollPolicy = new RollPolicy(updated.segmentBytes(), updated.rollMs());
            retention.setPolicy(retentionPolicy(updated));
            flusher.setConfig(updated);
        } finally {
            lock.unlock();
        }
    }

    /** {@code retention.*} when {@code cleanup.policy} holds {@code delete}; a compact-only log keeps every segment. */
    private static RetentionPolicy retentionPolicy(LogConfig config) {
        return config.cleanup().delete() ? new RetentionPolicy(config.retentionMs(), config.retentionBytes())
                : new RetentionPolicy(-1L, -1L);
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    public long logEndOffset() {
        return logEndOffset;
    }

    public long recoveryPoint() {
        return flusher.recoveryPoint();
    }

    public LeaderEpochCache leaderEpochCache() {
        return leaderEpochCache;
    }

    /** The idempotent-producer state of {@code producerId} after the appends completed so far. */
    public Optional<ProducerStateEntry> producerState(long producerId) {
        lock.lock();
        try {
            return producerState.entry(producerId);
        } finally {
            lock.unlock();
        }
    }

    public int segmentCount() {
        return segments.size();
    }

    /** Base offsets of the segments, oldest first. */
    public List<Long> segmentBaseOffsets() {
        return new ArrayList<>(segments.keySet());
    }

    public long sizeInBytes() {
        return segments.values().stream().mapToLong(LogSegment::sizeInBytes).sum();
    }

    /**
     * Validates the batches, assigns offsets from the log end, stamps {@code leaderEpoch} and
     * appends them; records the epoch's start offset in the leader-epoch cache.
     *
     * @throws io.ferrymq.common.errors.CorruptRecordException wrong CRC, cut batch, lying length,
     *     last offset delta not matching the record count, empty batch
     * @throws io.ferrymq.common.errors.RecordTooLargeException a batch above message.max.bytes
     * @throws RecordListTooLargeException the append is larger than a segment
     * @throws io.ferrymq.common.errors.InvalidRecordException a record that does not parse or lies
     */
    public LogAppendInfo appendAsLeader(ByteBuffer batches, int leaderEpoch) {
        return appendAsLeader(ValidatedBatches.validate(batches, config, Optional.empty()), leaderEpoch);
    }

    /**
     * Assigns offsets from the log end to batches validated beforehand (outside any lock), checks
     * their producer sequences, stamps {@code leaderEpoch} and appends them; records the epoch's
     * start offset in the leader-epoch cache. An append that is one duplicate batch of an
     * idempotent producer writes nothing and answers the offsets the batch was first given.
     *
     * @throws io.ferrymq.common.errors.ApiException OUT_OF_ORDER_SEQUENCE_NUMBER,
     *     DUPLICATE_SEQUENCE_NUMBER, INVALID_PRODUCER_EPOCH or UNKNOWN_PRODUCER_ID (see
     *     {@link io.ferrymq.broker.log.producer.ProducerStateManager}); nothing is written
     */
    public LogAppendInfo appendAsLeader(ValidatedBatches validated, int leaderEpoch) {
        ByteBuffer buffer = validated.buffer();
        lock.lock();
        try {
            ensureWritable();
            long firstOffset = logEndOffset;
            StoredBatches.assignOffsetsAndEpoch(buffer, firstOffset, leaderEpoch);
            if (config.messageTimestampType() == TimestampType.LOG_APPEND_TIME) {
                StoredBatches.stampLogAppendTime(buffer, clock.millis());
            }
            List<ProducerBatch> producerBatches = ProducerBatch.readAll(buffer);
            Optional<BatchMetadata> duplicate = producerState.validateLeaderAppend(producerBatches, clock.millis());
            if (duplicate.isPresent()) {
                return duplicateAppendInfo(duplicate.get());
            }
            LogAppendInfo info = appendLocked(buffer, validated.summary(), () -> {
                if (leaderEpoch >= 0) {
                    leaderEpochCache.assign(leaderEpoch, firstOffset);
                }
            });
            producerState.update(producerBatches);
            return info;
        } finally {
            lock.unlock();
        }
    }

    /** What a duplicate batch is answered with: the offsets it got the first time, nothing appended now. */
    private LogAppendInfo duplicateAppendInfo(BatchMetadata original) {
        return new LogAppendInfo(original.firstOffset(), original.lastOffset(), original.maxTimestamp(),
                original.lastOffset(), 0, 0, 0, logStartOffset, -1L);
    }

    /**
     * Appends batches fetched from the leader as they are (offsets and epochs kept); new epochs
     * enter the leader-epoch cache and every batch the producer state, unchecked.
     *
     * @throws UnexpectedAppendOffsetException when the first batch starts below the log end (above it is a
     *     gap the leader's cleaner left, as Kafka allows)
     */
    public LogAppendInfo appendAsFollower(ByteBuffer batches) {
        ByteBuffer buffer = batches.duplicate();
        LogValidator.Summary summary = LogValidator.validateFollowerAppend(buffer);
        lock.lock();
        try {
            ensureWritable();
            if (summary.firstBaseOffset() < logEndOffset) {
                throw new UnexpectedAppendOffsetException(summary.firstBaseOffset(), logEndOffset,
                        topicPartition.toString());
            }
            List<ProducerBatch> producerBatches = ProducerBatch.readAll(buffer);
            LogAppendInfo info = appendLocked(buffer, summary,
                    () -> StoredBatches.assignNewEpochs(buffer, leaderEpochCache));
            producerState.update(producerBatches);
            return info;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records the append's epochs ({@code assignEpochs}: before the log end moves, so an epoch
     * lookup never sees offsets without their epoch), rolls if needed, writes, fsyncs when
     * {@code log.flush.interval.messages} is reached, then publishes the new log end; any failure
     * before the publication is undone ({@link #undoAppend}).
     */
    private LogAppendInfo appendLocked(ByteBuffer buffer, LogValidator.Summary summary, Runnable assignEpochs) {
        long firstOffset = logEndOffset;
        LogSegment previousActive = segments.lastEntry().getValue();
        LogSegment.Mark mark = previousActive.mark();
        boolean flushDue = flusher.isFlushDue(summary.records());
        StoredBatches.Extent extent;
        try {
            extent = StoredBatches.extent(buffer, firstOffset - 1);
            assignEpochs.run();
            maybeRoll(buffer.remaining(), extent.lastOffset(), extent.maxTimestamp()).append(buffer, probe);
            if (flushDue) {
                probe.reached(AppendProbe.Step.FLUSH);
                flusher.fsyncFromRecoveryPoint();
            }
        } catch (RuntimeException | Error e) {
            undoAppend(previousActive, mark, firstOffset, e);
            throw e;
        }
        logEndOffset = extent.lastOffset() + 1;
        flusher.appended(summary.records());
        if (flushDue) {
            flusher.markFlushed(logEndOffset);
        }
        return new LogAppendInfo(firstOffset, extent.lastOffset(), extent.maxTimestamp(),
                extent.offsetOfMaxTimestamp(), summary.records(), summary.batches(), summary.sizeInBytes(),
                logStartOffset, -1L);
    }

    /**
     * Puts back what a failed append changed: deletes segments rolled for it (and the producer
     * snapshot taken for the roll), rolls the previously active segment back to {@code mark} and
     * drops epochs recorded from {@code firstOffset} (the cache held none there: it is truncated to
     * the log end whenever the log end moves back). When
     * this fails too the log refuses appends until reopened; the failure is added to {@code cause}.
     */
    private void undoAppend(LogSegment previousActive, LogSegment.Mark mark, long firstOffset, Throwable cause) {
        try {
            while (segments.lastKey() > previousActive.baseOffset()) {
                segments.pollLastEntry().getValue().closeAndDelete();
            }
            previousActive.activateFile();
            previousActive.rollbackTo(mark);
            leaderEpochCache.truncateFromEnd(firstOffset);
            producerState.deleteSnapshotsFrom(firstOffset);
        } catch (RuntimeException undo) {
            cause.addSuppressed(undo);
            undoFailure = undo;
        }
    }

    private LogSegment maybeRoll(int appendBytes, long lastOffset, long maxTimestamp) {
        LogSegment active = segments.lastEntry().getValue();
        long now = clock.millis();
        if (rollPolicy.shouldRoll(active.sizeInBytes(), active.timeWaitedForRoll(now, maxTimestamp), active.isFull(),
                active.baseOffset(), lastOffset, appendBytes)) {
            producerState.takeSnapshot(logEndOffset, logStartOffset);
            active.onBecomeInactive();
            active.deactivateFile();
            LogSegment next = LogSegment.create(dir, logEndOffset, config, now, openFiles);
            segments.put(next.baseOffset(), next);
            probe.reached(AppendProbe.Step.ROLLED);
            return next;
        }
        return active;
    }

    /**
     * Whole batches from the one holding {@code startOffset}, at most {@code maxBytes} (but the
     * first batch even if larger when {@code minOneBatch}), none whose last offset reaches
     * {@code maxOffsetExclusive} (the high watermark for consumers, the log end for followers).
     * Reads come from one segment; the caller asks again from {@code nextOffset}.
     *
     * @throws OffsetOutOfRangeException below the log start or above the log end
     */
    public LogReadInfo read(long startOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch) {
        return reader.read(startOffset, maxBytes, maxOffsetExclusive, minOneBatch, logStartOffset, logEndOffset);
    }

    /**
     * The first record whose timestamp is at or after {@code timestamp} (Kafka's ListOffsets
     * semantics), with the epoch the leader-epoch cache gives its offset; empty when every record
     * is older. Special values -1/-2 are the caller's.
     */
    public Optional<TimestampAndOffset> offsetForTimestamp(long timestamp) {
        return reader.offsetForTimestamp(timestamp, logStartOffset).map(found -> new TimestampAndOffset(
                found.timestamp(), found.offset(), leaderEpochCache.epochForOffset(found.offset()).orElse(-1)));
    }

    /**
     * The first record carrying the largest timestamp in the log (ListOffsets' max timestamp,
     * KIP-734), with the epoch the leader-epoch cache gives its offset; empty when no record has a
     * timestamp.
     */
    public Optional<TimestampAndOffset> maxTimestampRecord() {
        return reader.maxTimestampRecord(logStartOffset).map(found -> new TimestampAndOffset(
                found.timestamp(), found.offset(), leaderEpochCache.epochForOffset(found.offset()).orElse(-1)));
    }

    /**
     * Removes every record at or after {@code offset} (replication divergence). A batch holding
     * {@code offset} is removed whole. Returns false when there was nothing to remove.
     */
    public boolean truncateTo(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("cannot truncate " + topicPartition + " to negative offset " + offset);
        }
        lock.lock();
        try {
            ensureOpen();
            if (offset >= logEndOffset) {
                return false;
            }
            if (offset <= logStartOffset) {
                truncateFullyAndStartAt(offset);
                return true;
            }
            while (segments.size() > 1 && segments.lastKey() >= offset) {
                segments.pollLastEntry().getValue().closeAndDelete();
            }
            LogSegment active = segments.lastEntry().getValue();
            active.activateFile();
            active.truncateTo(offset);
            logEndOffset = active.readNextOffset();
            flusher.truncatedTo(logEndOffset);
            leaderEpochCache.truncateFromEnd(logEndOffset);
            producerState.load(segments, logStartOffset, logEndOffset, clock.millis());
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Deletes every segment and starts an empty log at {@code offset} (a follower far behind the leader's start). */
    public void truncateFullyAndStartAt(long offset) {
        lock.lock();
        try {
            ensureOpen();
            while (!segments.isEmpty()) {
                segments.pollLastEntry().getValue().closeAndDelete();
            }
            LogSegment fresh = LogSegment.create(dir, offset, config, clock.millis(), openFiles);
            segments.put(offset, fresh);
            logStartOffset = offset;
            logEndOffset = offset;
            flusher.resetTo(offset);
            leaderEpochCache.clear();
            producerState.clear();
        } finally {
            lock.unlock();
        }
    }

    /** Applies log.retention.ms and log.retention.bytes; returns how many segments were deleted. */
    public int deleteRetainedSegments() {
        lock.lock();
        try {
            ensureOpen();
            int count = retention.deleteRetainedSegments(segments, clock.millis());
            if (count > 0) {
                logStartOffset = segments.firstKey();
                leaderEpochCache.truncateFromStart(logStartOffset);
                producerState.deleteSnapshotsBelow(logStartOffset);
            }
            return count;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the {@code .log} descriptor of every old segment nothing read for {@code idleMs}
     * (the active segment stays open); returns how many it closed. They reopen on the next read.
     */
    public int releaseIdleSegments(long idleMs) {
        if (closed) {
            return 0;
        }
        long now = System.currentTimeMillis();
        int released = 0;
        LogSegment active = segments.lastEntry().getValue();
        for (LogSegment segment : segments.values()) {
            if (segment != active && segment.releaseFileIfIdle(now, idleMs)) {
                released++;
            }
        }
        return released;
    }

    /** How many of this log's segments hold a {@code .log} descriptor now. */
    public int openSegmentFiles() {
        int open = 0;
        for (LogSegment segment : segments.values()) {
            if (segment.fileOpen()) {
                open++;
            }
        }
        return open;
    }

    /** The cap this log's inactive segment files count against (the cleaner's new segments join it). */
    OpenSegmentFiles openFiles() {
        return openFiles;
    }

    long activeBaseOffset() {
        return segments.lastKey();
    }

    /** The base offset of the segment after the one based at {@code baseOffset} (the log end if none). */
    long nextSegmentBase(long baseOffset) {
        Long next = segments.higherKey(baseOffset);
        return next == null ? logEndOffset : next;
    }

    /** The segments below the active one, oldest first: immutable, so the cleaner reads them without the lock. */
    List<LogSegment> inactiveSegments() {
        List<LogSegment> all = new ArrayList<>(segments.values());
        return all.subList(0, all.size() - 1);
    }

    /** The last offset of each producer's last batch in the producer state (batches the cleaner keeps, maybe empty). */
    java.util.Set<Long> producerLastBatchOffsets() {
        lock.lock();
        try {
            return producerState.lastBatchOffsets();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Swaps a cleaned segment in for {@code replaced} (consecutive segments, the first sharing its base
     * offset), crash-safely, as Kafka's {@code replaceSegments}: the cleaned files, written and fsynced as
     * {@code .cleaned}, are renamed {@code .swap} (from here a restart completes the swap, see
     * {@link LogLoader}); then, under the lock, the new segment takes the first one's place in the map,
     * the replaced ones leave it and their files are renamed {@code .deleted} (deleted after the delay, so
     * running reads finish), and the swap files get their final names. When retention or truncation took
     * any of {@code replaced} meanwhile, nothing changes but the cleaned files' deletion, and false is
     * returned.
     */
    boolean replaceSegments(List<LogSegment> replaced, LogSegment cleaned, SwapProbe probe) {
        cleaned.flush();
        probe.reached(SwapProbe.Step.CLEANED_WRITTEN);
        lock.lock();
        try {
            ensureOpen();
            boolean unchanged = replaced.stream().allMatch(s -> segments.get(s.baseOffset()) == s)
                    && segments.lastEntry().getValue() != replaced.get(replaced.size() - 1);
            if (!unchanged) {
                cleaned.closeAndDelete();
                return false;
            }
            cleaned.renameSuffix(LogFiles.CLEANED_SUFFIX, LogFiles.SWAP_SUFFIX);
            CheckpointFile.fsyncDirectory(dir);
            probe.reached(SwapProbe.Step.SWAP_RENAMED);
            cleaned.onBecomeInactive();
            cleaned.deactivateFile();
            segments.put(cleaned.baseOffset(), cleaned);
            for (LogSegment old : replaced) {
                if (old.baseOffset() != cleaned.baseOffset()) {
                    segments.remove(old.baseOffset());
                }
                retention.deleteLater(old, clock.millis());
                probe.reached(SwapProbe.Step.OLD_SEGMENT_DELETED);
            }
            cleaned.renameSuffix(LogFiles.SWAP_SUFFIX, "");
            CheckpointFile.fsyncDirectory(dir);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void syncLeaderEpochs() {
        leaderEpochCache.sync();
    }

    /** Fsyncs everything up to the log end and moves the recovery point there. */
    public void flush() {
        flusher.flush();
    }

    /** Flushes when log.flush.interval.ms has passed, else fsyncs rolled segments past the recovery point. */
    public void maybeFlush() {
        if (closed) {
            return;
        }
        flusher.maybeFlush();
    }

    /** Flushes and closes every segment, recording the final time index entry as Kafka does. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            segments.lastEntry().getValue().onBecomeInactive();
            flush();
            producerState.takeSnapshot(logEndOffset, logStartOffset);
            closed = true;
            segments.values().forEach(LogSegment::close);
            retention.deleteAllPending();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the segment files without flushing or writing anything (Kafka's {@code closeHandlers}):
     * its log dir failed, so its files may be unwritable. Later operations find the log closed.
     */
    public void closeHandlesAfterFailure() {
        lock.lock();
        try {
            closed = true;
            for (LogSegment segment : segments.values()) {
                try {
                    segment.close();
                } catch (RuntimeException e) {
                    LOG.warn("Closing {} of offline {} failed: {}", segment, topicPartition, e.toString());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Closes the log and deletes its directory. */
    public void closeAndDelete() {
        lock.lock();
        try {
            closed = true;
            retention.deleteAllPending();
            segments.values().forEach(LogSegment::closeAndDelete);
            segments.clear();
            LogFiles.deleteDirectory(dir);
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("log of " + topicPartition + " is closed");
        }
    }

    private void ensureWritable() {
        ensureOpen();
        RuntimeException failure = undoFailure;
        if (failure != null) {
            throw new IllegalStateException("log of " + topicPartition + " refuses appends: a failed append could"
                    + " not be undone; reopen it to recover", failure);
        }
    }

    @Override
    public String toString() {
        return "PartitionLog(" + topicPartition + ", start=" + logStartOffset + ", end=" + logEndOffset + ")";
    }
}
