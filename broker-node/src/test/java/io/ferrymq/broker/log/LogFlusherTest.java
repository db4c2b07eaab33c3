package io.ferrymq.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LogFlusher} over three real segments (bases 0, 10, 20; log end 30). Which segments a
 * flush fsyncs is observed by closing one while it stays in the map: fsyncing it then fails with
 * {@link ClosedChannelException}, skipping it does not.
 */
class LogFlusherTest {

    private static final long INTERVAL_MS = 1_000L;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(1_000_000L);
    private final ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
    private final AtomicLong logEnd = new AtomicLong(30);
    private final ReentrantLock appendLock = new ReentrantLock();
    private LogFlusher flusher;

    @BeforeEach
    void threeSegments() {
        LogConfig config = LogConfig.defaults(dir).withFlush(5, INTERVAL_MS);
        for (long base = 0; base <= 20; base += 10) {
            LogSegment segment = LogSegment.create(dir, base, config, clock.millis());
            ByteBuffer batch = TestBatches.batch((int) base, 10, clock.millis(), 8);
            StoredBatches.assignOffsetsAndEpoch(batch, base, 0);
            segment.append(batch, AppendProbe.NONE);
            segments.put(base, segment);
        }
        flusher = new LogFlusher(segments, logEnd::get, appendLock, clock, config, () -> { });
    }

    @AfterEach
    void closeSegments() {
        segments.values().forEach(LogSegment::close);
    }

    @Test
    void flushMovesTheRecoveryPointToTheLogEnd() {
        flusher.flush();

        assertThat(flusher.recoveryPoint()).isEqualTo(30);
    }

    @Test
    void flushSkipsSegmentsWhollyBelowTheRecoveryPoint() {
        flusher.resetTo(12);
        segments.get(0L).close();

        assertThatCode(flusher::flush).doesNotThrowAnyException();
    }

    @Test
    void flushCoversTheSegmentHoldingTheRecoveryPoint() {
        flusher.resetTo(12);
        segments.get(10L).close();

        assertThatThrownBy(flusher::flush).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(ClosedChannelException.class);
    }

    @Test
    void segmentsUnchangedSinceTheirLastFsyncAreNotTouchedAgain() {
        flusher.flush();
        segments.values().forEach(LogSegment::close);
        flusher.resetTo(0);

        assertThatCode(flusher::flush).doesNotThrowAnyException();
        assertThat(flusher.recoveryPoint()).isEqualTo(30);
    }

    @Test
    void maybeFlushBeforeTheIntervalFsyncsOnlyRolledSegmentsAndStopsAtTheActiveBase() {
        segments.get(20L).close();

        flusher.maybeFlush();

        assertThat(flusher.recoveryPoint()).isEqualTo(20);
    }

    @Test
    void maybeFlushAfterTheIntervalFlushesTheActiveSegmentToo() {
        clock.advance(INTERVAL_MS);

        flusher.maybeFlush();
        assertThat(flusher.recoveryPoint()).isEqualTo(30);

        logEnd.set(35);
        flusher.maybeFlush();
        assertThat(flusher.recoveryPoint()).as("interval restarts at the last flush").isEqualTo(30);
    }

    @Test
    void flushIsDueWhenAppendedMessagesReachTheInterval() {
        appendLock.lock();
        try {
            flusher.appended(3);
            assertThat(flusher.isFlushDue(1)).isFalse();
            assertThat(flusher.isFlushDue(2)).isTrue();

            flusher.markFlushed(30);
            assertThat(flusher.isFlushDue(4)).isFalse();
        } finally {
            appendLock.unlock();
        }
    }

    @Test
    void aFlushWithoutTheAppendLockKeepsTheUnflushedCount() {
        flusher.appended(3);

        flusher.flush();

        assertThat(flusher.recoveryPoint()).isEqualTo(30);
        assertThat(flusher.isFlushDue(2)).isTrue();
    }

    @Test
    void truncationLowersTheRecoveryPointButNeverRaisesIt() {
        flusher.resetTo(20);

        flusher.truncatedTo(25);
        assertThat(flusher.recoveryPoint()).isEqualTo(20);
        flusher.truncatedTo(12);
        assertThat(flusher.recoveryPoint()).isEqualTo(12);
    }

    @Test
    void markFlushedNeverMovesTheRecoveryPointBack() {
        flusher.markFlushed(30);
        flusher.markFlushed(25);

        assertThat(flusher.recoveryPoint()).isEqualTo(30);
    }
}
