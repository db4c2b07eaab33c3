package io.ferrymq.broker.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.log.retention.RetentionPolicy;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LogRetention} over three real segments (bases 0, 10, 20, records stamped at
 * {@link #WRITTEN_MS}): what the policy drops leaves the map, is renamed {@code .deleted}, and is
 * deleted only once {@link LogRetention#FILE_DELETE_DELAY_MS} has passed or the log closes.
 */
class LogRetentionTest {

    private static final long WRITTEN_MS = 1_000_000L;
    private static final long RETENTION_MS = 5_000L;
    /** The first time at which every segment's largest timestamp (its tenth record) is past retention. */
    private static final long EXPIRED_MS = WRITTEN_MS + 9 + RETENTION_MS + 1;

    @TempDir
    Path dir;

    private final NavigableMap<Long, LogSegment> segments = new TreeMap<>();
    private final LogRetention retention = new LogRetention(new RetentionPolicy(RETENTION_MS, -1));

    @BeforeEach
    void threeSegments() {
        LogConfig config = LogConfig.defaults(dir);
        for (long base = 0; base <= 20; base += 10) {
            LogSegment segment = LogSegment.create(dir, base, config, WRITTEN_MS);
            ByteBuffer batch = TestBatches.batch((int) base, 10, WRITTEN_MS, 8);
            StoredBatches.assignOffsetsAndEpoch(batch, base, 0);
            segment.append(batch, AppendProbe.NONE);
            segments.put(base, segment);
        }
    }

    @AfterEach
    void closeSegments() {
        retention.deleteAllPending();
        segments.values().forEach(LogSegment::close);
    }

    @Test
    void expiredSegmentsLeaveTheMapRenamedDeletedButTheActiveOneStays() {
        int deleted = retention.deleteRetainedSegments(segments, EXPIRED_MS);

        assertThat(deleted).isEqualTo(2);
        assertThat(segments.keySet()).containsExactly(20L);
        assertThat(retention.pendingCount()).isEqualTo(2);
        for (long base : new long[] {0, 10}) {
            assertThat(LogFiles.logFile(dir, base)).doesNotExist();
            assertThat(LogFiles.deletedFile(LogFiles.logFile(dir, base))).exists();
            assertThat(LogFiles.deletedFile(LogFiles.indexFile(dir, base))).exists();
            assertThat(LogFiles.deletedFile(LogFiles.timeIndexFile(dir, base))).exists();
        }
        assertThat(LogFiles.logFile(dir, 20)).exists();
    }

    @Test
    void pendingSegmentsAreDeletedOnlyOnAPassAfterTheDelay() {
        long now = EXPIRED_MS;
        retention.deleteRetainedSegments(segments, now);
        Path deletedLog = LogFiles.deletedFile(LogFiles.logFile(dir, 0));

        assertThat(retention.deleteRetainedSegments(segments, now + LogRetention.FILE_DELETE_DELAY_MS - 1)).isZero();
        assertThat(deletedLog).exists();
        assertThat(retention.pendingCount()).isEqualTo(2);

        retention.deleteRetainedSegments(segments, now + LogRetention.FILE_DELETE_DELAY_MS);
        assertThat(deletedLog).doesNotExist();
        assertThat(LogFiles.deletedFile(LogFiles.logFile(dir, 10))).doesNotExist();
        assertThat(retention.pendingCount()).isZero();
    }

    @Test
    void closingDeletesPendingSegmentsBeforeTheirDelay() {
        retention.deleteRetainedSegments(segments, EXPIRED_MS);

        retention.deleteAllPending();

        assertThat(retention.pendingCount()).isZero();
        assertThat(LogFiles.deletedFile(LogFiles.logFile(dir, 0))).doesNotExist();
        assertThat(LogFiles.deletedFile(LogFiles.timeIndexFile(dir, 10))).doesNotExist();
    }

    @Test
    void segmentsTheRetentionKeepsAreLeftAlone() {
        assertThat(retention.deleteRetainedSegments(segments, EXPIRED_MS - 1)).isZero();

        assertThat(segments.keySet()).containsExactly(0L, 10L, 20L);
        assertThat(retention.pendingCount()).isZero();
        assertThat(LogFiles.logFile(dir, 0)).exists();
    }
}
