package io.ferrymq.broker.log;

import io.ferrymq.broker.log.index.CorruptIndexException;
import io.ferrymq.broker.log.index.OffsetIndex;
import io.ferrymq.broker.log.index.TimeIndex;
import io.ferrymq.broker.log.index.TimestampOffset;
import io.ferrymq.broker.log.recovery.ScanResult;
import io.ferrymq.broker.log.recovery.SegmentScanner;
import io.ferrymq.common.record.Record;
import io.ferrymq.common.record.RecordBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One segment of a partition log: the {@code <base>.log} file of whole batches, its
 * {@link OffsetIndex} and {@link TimeIndex} (file names from {@link LogFiles}). An index entry
 * {@code (batch last offset, batch position)} is added for a batch when more than
 * {@code log.index.interval.bytes} were written since the previous entry's batch began
 * (Kafka's rule, so rebuilt indexes equal Kafka's). {@link #recover()} rebuilds both indexes from
 * the log and truncates a torn or corrupt tail; indexes that were missing or unreadable at open
 * are reported by {@link #indexesTrusted()} so the loader rebuilds them.
 *
 * <p>Thread-safety: writes (append, truncate, recover, roll) come from one thread at a time
 * under the partition log's lock; reads may run concurrently and see only published batches.
 */
public final class LogSegment implements AutoCloseable {

    private final long baseOffset;
    private final int indexIntervalBytes;
    private final SegmentFile log;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private final boolean indexesTrusted;
    private final long createdMs;
    private long rollingBaseTimestamp;
    private int bytesSinceLastIndexEntry;
    private volatile long maxTimestampSoFar;
    private volatile long offsetOfMaxTimestamp;

    private LogSegment(long baseOffset, LogConfig config, SegmentFile log, OffsetIndex offsetIndex,
                       TimeIndex timeIndex, boolean indexesTrusted, long nowMs) {
        this.baseOffset = baseOffset;
        this.indexIntervalBytes = config.indexIntervalBytes();
        this.log = log;
        this.offsetIndex = offsetIndex;
        this.timeIndex = timeIndex;
        this.indexesTrusted = indexesTrusted;
        TimestampOffset last = timeIndex.lastEntry();
        this.maxTimestampSoFar = last.timestamp();
        this.offsetOfMaxTimestamp = last.offset();
        this.bytesSinceLastIndexEntry = Math.max(0, log.size() - offsetIndex.lastEntry().position());
        this.createdMs = nowMs;
        this.rollingBaseTimestamp = firstBatchHeader().map(BatchHeader::maxTimestamp).orElse(-1L);
    }

    /** A new, empty segment whose file counts against a cap of its own once inactive (tests, tools). */
    static LogSegment create(Path dir, long baseOffset, LogConfig config, long nowMs) {
        return create(dir, baseOffset, config, nowMs, new OpenSegmentFiles(OpenSegmentFiles.DEFAULT_MAX_INACTIVE));
    }

    /**
     * A new, empty (active) segment; stale files with the same base offset are replaced. Once
     * inactive, its open file counts against {@code openFiles}.
     */
    static LogSegment create(Path dir, long baseOffset, LogConfig config, long nowMs, OpenSegmentFiles openFiles) {
        deleteQuietly(LogFiles.indexFile(dir, baseOffset));
        deleteQuietly(LogFiles.timeIndexFile(dir, baseOffset));
        SegmentFile log = new SegmentFile(LogFiles.logFile(dir, baseOffset), true, openFiles);
        return new LogSegment(baseOffset, config, log,
                OffsetIndex.open(LogFiles.indexFile(dir, baseOffset), baseOffset, config.indexSizeMaxBytes()),
                TimeIndex.open(LogFiles.timeIndexFile(dir, baseOffset), baseOffset, config.indexSizeMaxBytes()), true, nowMs);
    }

    /**
     * A new, empty segment whose three files carry {@code suffix} after their usual names (the
     * cleaner writes {@code .cleaned} ones); stale files with those names are replaced.
     */
    static LogSegment createWithSuffix(Path dir, long baseOffset, LogConfig config, long nowMs, String suffix,
                                       OpenSegmentFiles openFiles) {
        Path index = LogFiles.withSuffix(LogFiles.indexFile(dir, baseOffset), suffix);
        Path timeIndex = LogFiles.withSuffix(LogFiles.timeIndexFile(dir, baseOffset), suffix);
        deleteQuietly(index);
        deleteQuietly(timeIndex);
        SegmentFile log = new SegmentFile(LogFiles.withSuffix(LogFiles.logFile(dir, baseOffset), suffix), true, openFiles);
        return new LogSegment(baseOffset, config, log, OffsetIndex.open(index, baseOffset, config.indexSizeMaxBytes()),
                TimeIndex.open(timeIndex, baseOffset, config.indexSizeMaxBytes()), true, nowMs);
    }

    /**
     * Renames the three files from their names ending in {@code from} (empty for the usual names) to
     * names ending in {@code to}, log file first; open channels stay valid.
     */
    void renameSuffix(String from, String to) {
        log.renameTo(LogFiles.withSuffix(LogFiles.withoutSuffix(log.path(), from), to));
        offsetIndex.renameTo(LogFiles.withSuffix(LogFiles.withoutSuffix(offsetIndex.path(), from), to));
        timeIndex.renameTo(LogFiles.withSuffix(LogFiles.withoutSuffix(timeIndex.path(), from), to));
    }

    /** Appends whole batches that keep their offsets (the cleaner's output), indexing them as appends do. */
    void appendCleaned(ByteBuffer batches) {
        append(batches, AppendProbe.NONE);
    }

    /** {@link #open(Path, long, LogConfig, long, OpenSegmentFiles)} under a cap of its own (tests). */
    static LogSegment open(Path dir, long baseOffset, LogConfig config, long nowMs) {
        return open(dir, baseOffset, config, nowMs, new OpenSegmentFiles(OpenSegmentFiles.DEFAULT_MAX_INACTIVE));
    }

    /**
     * An existing, inactive segment whose file opens on first use under {@code openFiles}; a missing
     * or malformed index is replaced by an empty one and reported untrusted.
     */
    static LogSegment open(Path dir, long baseOffset, LogConfig config, long nowMs, OpenSegmentFiles openFiles) {
        Path indexPath = LogFiles.indexFile(dir, baseOffset);
        Path timeIndexPath = LogFiles.timeIndexFile(dir, baseOffset);
        boolean trusted = Files.exists(indexPath) && Files.exists(timeIndexPath);
        SegmentFile log = new SegmentFile(LogFiles.logFile(dir, baseOffset), false, openFiles);
        OffsetIndex offsetIndex;
        try {
            offsetIndex = OffsetIndex.open(indexPath, baseOffset, config.indexSizeMaxBytes());
        } catch (CorruptIndexException e) {
            trusted = false;
            deleteQuietly(indexPath);
            offsetIndex = OffsetIndex.open(indexPath, baseOffset, config.indexSizeMaxBytes());
        }
        TimeIndex timeIndex;
        try {
            timeIndex = TimeIndex.open(timeIndexPath, baseOffset, config.indexSizeMaxBytes());
        } catch (CorruptIndexException e) {
            trusted = false;
            deleteQuietly(timeIndexPath);
            timeIndex = TimeIndex.open(timeIndexPath, baseOffset, config.indexSizeMaxBytes());
        }
        return new LogSegment(baseOffset, config, log, offsetIndex, timeIndex, trusted, nowMs);
    }

    public long baseOffset() {
        return baseOffset;
    }

    public int sizeInBytes() {
        return log.size();
    }

    public OffsetIndex offsetIndex() {
        return offsetIndex;
    }

    public TimeIndex timeIndex() {
        return timeIndex;
    }

    boolean indexesTrusted() {
        return indexesTrusted;
    }

    SegmentFile file() {
        return log;
    }

    /** Whether the {@code .log} file holds a descriptor now ({@link SegmentFile}: old segments open on first read). */
    public boolean fileOpen() {
        return log.isOpen();
    }

    /** Closes the {@code .log} descriptor until the next read; only while no reader holds a slice of it. */
    void releaseFile() {
        log.release();
    }

    /** This segment is the active one now (newer ones were truncated away): its file stays open. */
    void activateFile() {
        log.activate();
    }

    /** This segment rolled: its file is closed unless read recently, and counts against the open-file cap. */
    void deactivateFile() {
        log.deactivate();
    }

    /** Closes the {@code .log} descriptor when nothing read or wrote the file for {@code idleMs}. */
    boolean releaseFileIfIdle(long nowMs, long idleMs) {
        return log.releaseIfIdle(nowMs, idleMs);
    }

    /** The largest record timestamp seen, or the file's modification time when none is known. */
    public long largestTimestamp() {
        long max = maxTimestampSoFar;
        return max >= 0 ? max : log.lastModifiedMs();
    }

    /**
     * How long this segment has been filling, for {@code log.roll.ms} (Kafka's rule): the incoming
     * batch's timestamp minus the first batch's, or the time since the segment was created or
     * opened when the first batch carries no timestamp.
     */
    long timeWaitedForRoll(long nowMs, long incomingMaxTimestamp) {
        return rollingBaseTimestamp >= 0 ? incomingMaxTimestamp - rollingBaseTimestamp : nowMs - createdMs;
    }

    boolean isFull() {
        return offsetIndex.isFull() || timeIndex.isFull();
    }

    /**
     * What an append can change in a segment, taken before it so that a failed append can be
     * undone ({@link #rollbackTo}).
     */
    record Mark(int fileSize, int offsetIndexEntries, int timeIndexEntries, long maxTimestampSoFar,
                long offsetOfMaxTimestamp, int bytesSinceLastIndexEntry, long rollingBaseTimestamp) {
    }

    Mark mark() {
        return new Mark(log.size(), offsetIndex.entries(), timeIndex.entries(), maxTimestampSoFar,
                offsetOfMaxTimestamp, bytesSinceLastIndexEntry, rollingBaseTimestamp);
    }

    /** Puts the file, both indexes and the in-memory state back to {@code mark} (taken on this segment). */
    void rollbackTo(Mark mark) {
        maxTimestampSoFar = mark.maxTimestampSoFar();
        offsetOfMaxTimestamp = mark.offsetOfMaxTimestamp();
        bytesSinceLastIndexEntry = mark.bytesSinceLastIndexEntry();
        rollingBaseTimestamp = mark.rollingBaseTimestamp();
        offsetIndex.truncateToEntries(mark.offsetIndexEntries());
        timeIndex.truncateToEntries(mark.timeIndexEntries());
        log.truncateTo(mark.fileSize());
    }

    /**
     * Appends batches with offsets assigned and indexes them per Kafka's rule, all or nothing:
     * what the indexes need is checked before writing ({@link StoredBatches#ensureAppendable}),
     * and a failure after the write (reported by {@code probe} or real) truncates the file and
     * the indexes back and restores the in-memory state before it is rethrown.
     *
     * @throws LogSegmentOffsetOverflowException an offset does not fit this segment's relative offsets
     * @throws io.ferrymq.common.errors.CorruptRecordException a cut batch or offsets not increasing
     */
    void append(ByteBuffer batches, AppendProbe probe) {
        StoredBatches.ensureAppendable(batches, baseOffset, minNextBaseOffset(), log.size());
        Mark mark = mark();
        try {
            writeAndIndex(batches, probe);
        } catch (RuntimeException | Error e) {
            try {
                rollbackTo(mark);
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
    }

    private void writeAndIndex(ByteBuffer batches, AppendProbe probe) {
        int filePosition = log.size();
        log.append(batches);
        probe.reached(AppendProbe.Step.FILE_WRITTEN);
        int start = batches.position();
        if (rollingBaseTimestamp < 0 && filePosition == 0) {
            rollingBaseTimestamp = batches.getLong(start + RecordBatch.MAX_TIMESTAMP_OFFSET);
        }
        for (int p = start; p < batches.limit(); ) {
            int size = batches.getInt(p + RecordBatch.LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD;
            long lastOffset = batches.getLong(p) + batches.getInt(p + RecordBatch.LAST_OFFSET_DELTA_OFFSET);
            indexBatch(filePosition + p - start, lastOffset, batches.getLong(p + RecordBatch.MAX_TIMESTAMP_OFFSET), size,
                    probe);
            p += size;
        }
        probe.reached(AppendProbe.Step.SEGMENT_APPENDED);
    }

    /** The smallest base offset the next batch may have: past every offset either index holds. */
    private long minNextBaseOffset() {
        long min = baseOffset;
        if (offsetIndex.entries() > 0) {
            min = Math.max(min, offsetIndex.lastEntry().offset() + 1);
        }
        if (timeIndex.entries() > 0) {
            min = Math.max(min, timeIndex.lastEntry().offset() + 1);
        }
        return min;
    }

    private void indexBatch(int position, long lastOffset, long maxTimestamp, int size, AppendProbe probe) {
        if (maxTimestamp > maxTimestampSoFar) {
            maxTimestampSoFar = maxTimestamp;
            offsetOfMaxTimestamp = lastOffset;
        }
        if (bytesSinceLastIndexEntry > indexIntervalBytes && !isFull()) {
            probe.reached(AppendProbe.Step.OFFSET_INDEX_APPEND);
            offsetIndex.append(lastOffset, position);
            probe.reached(AppendProbe.Step.TIME_INDEX_APPEND);
            timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestamp, false);
            bytesSinceLastIndexEntry = 0;
        }
        bytesSinceLastIndexEntry += size;
    }

    /**
     * Rebuilds both indexes from the log, checking every batch, and truncates the log after the
     * last valid batch.
     */
    public ScanResult recover() {
        offsetIndex.reset();
        timeIndex.reset();
        maxTimestampSoFar = -1L;
        offsetOfMaxTimestamp = baseOffset;
        bytesSinceLastIndexEntry = 0;
        ScanResult result = SegmentScanner.scan(log.channel(), baseOffset,
                (position, lastOffset, maxTimestamp, size) -> indexBatch(position, lastOffset, maxTimestamp, size,
                        AppendProbe.NONE));
        if (result.validBytes() < log.size()) {
            log.truncateTo(result.validBytes());
        }
        rollingBaseTimestamp = firstBatchHeader().map(BatchHeader::maxTimestamp).orElse(-1L);
        return result;
    }

    /** The header of the first batch holding an offset at or above {@code offset}, within {@code limit}. */
    Optional<BatchHeader> translateOffset(long offset, int limit, ByteBuffer scratch) {
        int position = offsetIndex.lookup(offset).position();
        while (position < limit) {
            Optional<BatchHeader> header = log.readHeader(position, limit, scratch);
            if (header.isEmpty() || header.get().lastOffset() >= offset) {
                return header;
            }
            position = header.get().endPosition();
        }
        return Optional.empty();
    }

    /**
     * Whole batches from the one holding {@code startOffset}: stops before a batch whose last
     * offset reaches {@code maxOffsetExclusive} or that would take the slice past {@code maxBytes}
     * (unless it is the first and {@code minOneBatch}). Empty when no batch here holds
     * {@code startOffset} or later.
     */
    Optional<SegmentRead> read(long startOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch) {
        int limit = log.size();
        ByteBuffer scratch = SegmentFile.newScratch();
        Optional<BatchHeader> first = translateOffset(startOffset, limit, scratch);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        int start = first.get().position();
        int end = start;
        long next = startOffset;
        Optional<BatchHeader> header = first;
        boolean jumped = false;
        while (header.isPresent() && header.get().lastOffset() < maxOffsetExclusive) {
            BatchHeader batch = header.get();
            if (batch.endPosition() - start > maxBytes && !(minOneBatch && end == start)) {
                break;
            }
            end = batch.endPosition();
            next = batch.nextOffset();
            int jump = jumped ? -1 : jumpTarget(start, end, maxBytes, maxOffsetExclusive, limit);
            jumped = true;
            header = log.readHeader(jump > end ? jump : end, limit, scratch);
            if (jump > end && header.isPresent()) {
                // every batch between end and the index entry is whole and below both bounds
                end = jump;
                next = header.get().baseOffset();
            }
        }
        long firstOffset = end == start ? startOffset : first.get().baseOffset();
        return Optional.of(new SegmentRead(new FileSlice(log, start, end - start), firstOffset, next));
    }

    /** A batch start found in the offset index, below both bounds, from which to keep scanning; -1 if none. */
    private int jumpTarget(int start, int end, int maxBytes, long maxOffsetExclusive, int limit) {
        long maxPosition = Math.min((long) start + maxBytes, limit - 1L);
        int position = offsetIndex.lookupByPosition((int) maxPosition, maxOffsetExclusive).position();
        return position > end ? position : -1;
    }

    /** The first record at or after {@code timestamp} with an offset at or above {@code minOffset}. */
    Optional<TimestampOffset> findOffsetByTimestamp(long timestamp, long minOffset) {
        if (maxTimestampSoFar < timestamp) {
            return Optional.empty();
        }
        long fromOffset = Math.max(minOffset, timeIndex.lookupBefore(timestamp).offset());
        int limit = log.size();
        ByteBuffer scratch = SegmentFile.newScratch();
        Optional<BatchHeader> header = translateOffset(fromOffset, limit, scratch);
        while (header.isPresent()) {
            BatchHeader batch = header.get();
            if (batch.maxTimestamp() >= timestamp) {
                FileSlice slice = new FileSlice(log, batch.position(), batch.size());
                for (Record record : RecordBatch.wrap(slice.readFully())) {
                    if (record.timestamp() >= timestamp && record.offset() >= minOffset) {
                        return Optional.of(new TimestampOffset(record.timestamp(), record.offset()));
                    }
                }
            }
            header = log.readHeader(batch.endPosition(), limit, scratch);
        }
        return Optional.empty();
    }

    /**
     * The first record carrying this segment's largest timestamp, at or above {@code minOffset};
     * empty when the segment has no timestamped record there.
     */
    Optional<TimestampOffset> maxTimestampRecord(long minOffset) {
        long max = maxTimestampSoFar;
        return max < 0 ? Optional.empty() : findOffsetByTimestamp(max, minOffset);
    }

    /** Every batch header of the segment, in order. */
    void forEachBatchHeader(java.util.function.Consumer<BatchHeader> action) {
        ByteBuffer scratch = SegmentFile.newScratch();
        int limit = log.size();
        Optional<BatchHeader> header = log.readHeader(0, limit, scratch);
        while (header.isPresent()) {
            action.accept(header.get());
            header = log.readHeader(header.get().endPosition(), limit, scratch);
        }
    }

    Optional<BatchHeader> firstBatchHeader() {
        return log.readHeader(0, log.size(), SegmentFile.newScratch());
    }

    /** The offset after the last batch (the base offset when empty), scanning from the last index entry. */
    long readNextOffset() {
        ByteBuffer scratch = SegmentFile.newScratch();
        int position = offsetIndex.lastEntry().position();
        long next = baseOffset;
        int limit = log.size();
        Optional<BatchHeader> header = log.readHeader(position, limit, scratch);
        while (header.isPresent()) {
            next = header.get().nextOffset();
            header = log.readHeader(header.get().endPosition(), limit, scratch);
        }
        return next;
    }

    /**
     * Removes the batch holding {@code offset} and everything after it; returns the bytes removed.
     */
    int truncateTo(long offset) {
        int size = log.size();
        Optional<BatchHeader> header = translateOffset(offset, size, SegmentFile.newScratch());
        if (header.isEmpty()) {
            return 0;
        }
        int position = header.get().position();
        offsetIndex.truncateTo(offset);
        timeIndex.truncateTo(offset);
        log.truncateTo(position);
        if (position == 0) {
            rollingBaseTimestamp = -1L;
        }
        TimestampOffset last = timeIndex.lastEntry();
        maxTimestampSoFar = last.timestamp();
        offsetOfMaxTimestamp = last.offset();
        bytesSinceLastIndexEntry = Math.max(0, position - offsetIndex.lastEntry().position());
        return size - position;
    }

    /** Called when a newer segment takes over: records the final max timestamp in the time index. */
    void onBecomeInactive() {
        if (maxTimestampSoFar >= 0) {
            timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestamp, true);
        }
    }

    long maxTimestampSoFar() {
        return maxTimestampSoFar;
    }

    long offsetOfMaxTimestamp() {
        return offsetOfMaxTimestamp;
    }

    void flush() {
        log.flush();
        offsetIndex.flush();
        timeIndex.flush();
    }

    @Override
    public void close() {
        log.close();
        offsetIndex.close();
        timeIndex.close();
    }

    /**
     * Renames the files to {@code <name>.deleted}: readers holding slices keep working until
     * {@link #closeAndDelete()} runs after a delay, and a restart in between discards them.
     */
    void markDeleted() {
        log.renameTo(LogFiles.deletedFile(log.path()));
        offsetIndex.renameTo(LogFiles.deletedFile(offsetIndex.path()));
        timeIndex.renameTo(LogFiles.deletedFile(timeIndex.path()));
    }

    void closeAndDelete() {
        log.closeAndDelete();
        offsetIndex.closeAndDelete();
        timeIndex.closeAndDelete();
    }

    @Override
    public String toString() {
        return "LogSegment(" + log.path() + ", size=" + log.size() + ")";
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
