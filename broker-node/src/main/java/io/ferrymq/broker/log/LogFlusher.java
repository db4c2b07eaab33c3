package io.ferrymq.broker.log;

import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.time.Clock;
import java.util.NavigableMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The flush side of one partition log: its {@code recoveryPoint} (every offset below it is
 * fsynced), the time of the last full flush and the count of messages appended since, and the two
 * flush triggers, {@code log.flush.interval.messages} (checked by the append) and
 * {@code log.flush.interval.ms} ({@link #maybeFlush}, from the log manager's scheduler). The
 * recovery point only moves back through {@link #truncatedTo} and {@link #resetTo}, called by
 * truncation.
 *
 * <p>Thread-safety: fsyncs and recovery-point moves are serialized on a flush lock of their own,
 * so an fsync never blocks readers nor waits for the append lock; {@link #recoveryPoint} may be
 * read from any thread. The unflushed-message count is guarded by the log's append lock: it is
 * changed only by a thread holding it, so a flush from another thread never clears the count of
 * an append it did not cover.
 */
final class LogFlusher {

    private final NavigableMap<Long, LogSegment> segments;
    private final LongSupplier logEndOffset;
    private final ReentrantLock appendLock;
    private final Clock clock;
    private volatile LogConfig config;
    private final Object flushLock = new Object();
    private volatile long recoveryPoint;
    private volatile long lastFlushMs;
    private long unflushedMessages;
    private final Runnable beforeRecoveryPointMoves;

    /**
     * @param segments the log's live segment map, read concurrently with appends
     * @param logEndOffset the log's published log end
     * @param appendLock the log's append lock, which guards the unflushed-message count
     */
    LogFlusher(NavigableMap<Long, LogSegment> segments, LongSupplier logEndOffset, ReentrantLock appendLock,
               Clock clock, LogConfig config, Runnable beforeRecoveryPointMoves) {
        this.segments = segments;
        this.beforeRecoveryPointMoves = beforeRecoveryPointMoves;
        this.logEndOffset = logEndOffset;
        this.appendLock = appendLock;
        this.clock = clock;
        this.config = config;
        this.lastFlushMs = clock.millis();
    }

    /** Applies {@code flush.messages} and {@code flush.ms} that changed, from the next append or check on. */
    void setConfig(LogConfig updated) {
        this.config = updated;
    }

    long recoveryPoint() {
        return recoveryPoint;
    }

    /** Whether appending {@code records} more reaches {@code log.flush.interval.messages}; under the append lock. */
    boolean isFlushDue(int records) {
        return unflushedMessages + records >= config.flushIntervalMessages();
    }

    /** Counts {@code records} appended and published; under the append lock. */
    void appended(int records) {
        unflushedMessages += records;
    }

    /** Fsyncs everything up to the log end and moves the recovery point there. */
    void flush() {
        synchronized (flushLock) {
            long end = logEndOffset.getAsLong();
            fsyncFromRecoveryPoint();
            markFlushed(end);
        }
    }

    /** Fsyncs every segment that may hold offsets at or past the recovery point. */
    void fsyncFromRecoveryPoint() {
        synchronized (flushLock) {
            Long from = segments.floorKey(recoveryPoint);
            for (LogSegment segment : segments.tailMap(from == null ? Long.MIN_VALUE : from).values()) {
                flushSegment(segment);
            }
        }
    }

    /** Moves the recovery point to {@code end}, fsynced by the caller; clears the unflushed count under the append lock. */
    void markFlushed(long end) {
        synchronized (flushLock) {
            beforeRecoveryPointMoves.run();
            recoveryPoint = Math.max(recoveryPoint, end);
            lastFlushMs = clock.millis();
            if (appendLock.isHeldByCurrentThread()) {
                unflushedMessages = 0;
            }
        }
    }

    /** Flushes when log.flush.interval.ms has passed, else fsyncs rolled segments past the recovery point. */
    void maybeFlush() {
        if (clock.millis() - lastFlushMs >= config.flushIntervalMs()) {
            flush();
            return;
        }
        synchronized (flushLock) {
            long activeBase = segments.lastKey();
            if (recoveryPoint < activeBase) {
                Long from = segments.floorKey(recoveryPoint);
                segments.subMap(from == null ? Long.MIN_VALUE : from, activeBase).values().forEach(this::flushSegment);
                recoveryPoint = activeBase;
            }
        }
    }

    /** Lowers the recovery point to a log end that truncation moved back. */
    void truncatedTo(long logEnd) {
        synchronized (flushLock) {
            recoveryPoint = Math.min(recoveryPoint, logEnd);
        }
    }

    /** Sets the recovery point outright: at open, and when the log restarts empty at {@code offset}. */
    void resetTo(long offset) {
        synchronized (flushLock) {
            recoveryPoint = offset;
        }
    }

    /** Flushes a segment; one that truncation removed meanwhile (channel closed) no longer needs it. */
    private void flushSegment(LogSegment segment) {
        try {
            segment.flush();
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof ClosedChannelException) || segments.get(segment.baseOffset()) == segment) {
                throw e;
            }
        }
    }
}
