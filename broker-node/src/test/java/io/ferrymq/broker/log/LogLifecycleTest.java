package io.ferrymq.broker.log;

import static io.ferrymq.broker.log.TestBatches.batch;
import static io.ferrymq.broker.log.TestBatches.readAll;
import static io.ferrymq.broker.log.TestBatches.valueString;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.record.Record;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Roll, retention, truncation, timestamp lookup and reopen-from-disk with tiny limits. */
class LogLifecycleTest {

    @TempDir
    Path tempDir;

    private final MutableClock clock = new MutableClock(1_000_000L);
    private PartitionLog log;

    private PartitionLog open(LogConfig config, boolean clean) {
        log = PartitionLog.open(tempDir.resolve("t-0"), config, clock, 0L, clean);
        return log;
    }

    private static LogConfig tiny(Path dir) {
        return LogConfig.defaults(dir).withSegmentBytes(1024).withIndex(100, 1024);
    }

    @AfterEach
    void close() {
        if (log != null) {
            log.close();
        }
    }

    /** 30 batches of 3 records ~ 190 bytes each, timestamps 1000 * batch. */
    private void fill(int batches) {
        for (int i = 0; i < batches; i++) {
            log.appendAsLeader(batch(i, 3, 1000L * i, 20), 1);
        }
    }

    @Test
    void appendRollsToNewSegmentWhenSegmentIsFull() throws Exception {
        open(tiny(tempDir), true);
        fill(30);
        assertThat(log.segmentCount()).isGreaterThanOrEqualTo(5);
        for (long base : log.segmentBaseOffsets()) {
            assertThat(Files.size(LogFiles.logFile(log.dir(), base))).isLessThanOrEqualTo(1024);
            assertThat(Files.exists(LogFiles.indexFile(log.dir(), base))).isTrue();
            assertThat(Files.exists(LogFiles.timeIndexFile(log.dir(), base))).isTrue();
        }
        assertThat(readAll(log, 0)).extracting(Record::offset).containsExactlyElementsOf(range(0, 90));
    }

    @Test
    void appendRollsWhenTheIndexIsFull() {
        open(LogConfig.defaults(tempDir).withIndex(0, 16), true);
        fill(10);
        assertThat(log.segmentCount()).isGreaterThanOrEqualTo(3);
        assertThat(readAll(log, 0)).hasSize(30);
    }

    @Test
    void appendRollsAfterRollMs() {
        open(LogConfig.defaults(tempDir).withRollMs(5000), true);
        log.appendAsLeader(batch(0, 1, 1000L, 10), 0);
        log.appendAsLeader(batch(1, 1, 3000L, 10), 0);
        assertThat(log.segmentCount()).isEqualTo(1);
        log.appendAsLeader(batch(2, 1, 7000L, 10), 0);
        assertThat(log.segmentBaseOffsets()).containsExactly(0L, 2L);
    }

    @Test
    void retentionBySizeDeletesOldestWholeSegmentsButNeverTheActiveOne() throws Exception {
        open(tiny(tempDir).withRetention(-1, 2048), true);
        fill(30);
        int before = log.segmentCount();
        int deleted = log.deleteRetainedSegments();
        assertThat(deleted).isEqualTo(before - log.segmentCount()).isPositive();
        assertThat(log.sizeInBytes()).isGreaterThanOrEqualTo(2048 - 1024).isLessThanOrEqualTo(2048 + 1024);
        assertThat(log.logStartOffset()).isEqualTo(log.segmentBaseOffsets().get(0)).isPositive();
        assertThat(readAll(log, log.logStartOffset())).extracting(Record::offset)
                .containsExactlyElementsOf(range(log.logStartOffset(), 90));
        assertThat(Files.exists(LogFiles.logFile(log.dir(), 0))).isFalse();
    }

    @Test
    void retainedAwaySegmentsStayReadableUntilTheDeleteDelayAndAreIgnoredOnReopen() throws Exception {
        open(tiny(tempDir).withRetention(-1, 0), true);
        fill(30);
        LogReadInfo inFlight = log.read(0, 1 << 20, Long.MAX_VALUE, true);
        assertThat(log.deleteRetainedSegments()).isPositive();
        assertThat(LogFiles.deletedFile(LogFiles.logFile(log.dir(), 0))).exists();
        assertThat(io.ferrymq.common.record.RecordBatches.wrap(inFlight.records().readFully()).records())
                .isNotEmpty();
        clock.advance(LogRetention.FILE_DELETE_DELAY_MS);
        log.deleteRetainedSegments();
        assertThat(LogFiles.deletedFile(LogFiles.logFile(log.dir(), 0))).doesNotExist();
        long start = log.logStartOffset();
        log.close();
        open(tiny(tempDir), false);
        assertThat(log.logStartOffset()).isEqualTo(start);
    }

    @Test
    void retentionByTimeDeletesExpiredSegmentsButNeverTheActiveOne() {
        open(tiny(tempDir).withRetention(10_000, -1), true);
        fill(30);
        clock.advance(1_000_000_000L);
        log.deleteRetainedSegments();
        assertThat(log.segmentCount()).isEqualTo(1);
        assertThat(log.logStartOffset()).isEqualTo(log.segmentBaseOffsets().get(0));
        assertThat(log.logEndOffset()).isEqualTo(90);
        log.appendAsLeader(batch(99, 1, 0L, 5), 1);
        assertThat(log.logEndOffset()).isEqualTo(91);
    }

    @Test
    void truncateToRemovesLaterBatchesAndSegmentsAndAppendsContinue() {
        open(tiny(tempDir), true);
        fill(30);
        log.leaderEpochCache().assign(2, 60);
        assertThat(log.truncateTo(45)).isTrue();
        assertThat(log.logEndOffset()).isEqualTo(45);
        assertThat(log.segmentBaseOffsets()).allMatch(base -> base < 45);
        assertThat(log.leaderEpochCache().latestEpoch()).hasValue(1);
        assertThat(readAll(log, 0)).extracting(Record::offset).containsExactlyElementsOf(range(0, 45));
        log.appendAsLeader(batch(100, 2, 0L, 5), 3);
        assertThat(readAll(log, 44)).extracting(r -> valueString(r).substring(0, 4))
                .containsExactly("14/2", "100/", "100/");
        assertThat(log.truncateTo(1000)).isFalse();
    }

    @Test
    void truncateFullyAndStartAtEmptiesTheLog() {
        open(tiny(tempDir), true);
        fill(10);
        log.truncateFullyAndStartAt(500);
        assertThat(log.logStartOffset()).isEqualTo(500);
        assertThat(log.logEndOffset()).isEqualTo(500);
        assertThat(log.segmentBaseOffsets()).containsExactly(500L);
        assertThat(log.leaderEpochCache().entries()).isEmpty();
        log.appendAsFollower(followerBatch(500, 2));
        assertThat(readAll(log, 500)).extracting(Record::offset).containsExactly(500L, 501L);
    }

    @Test
    void offsetForTimestampFindsTheFirstRecordAtOrAfterIt() {
        open(tiny(tempDir), true);
        fill(30);
        assertThat(log.offsetForTimestamp(0)).contains(new TimestampAndOffset(0, 0, 1));
        assertThat(log.offsetForTimestamp(5001)).contains(new TimestampAndOffset(5001, 16, 1));
        assertThat(log.offsetForTimestamp(5003)).contains(new TimestampAndOffset(6000, 18, 1));
        assertThat(log.offsetForTimestamp(29_002)).contains(new TimestampAndOffset(29_002, 89, 1));
        assertThat(log.offsetForTimestamp(29_003)).isEmpty();
    }

    @Test
    void maxTimestampRecordIsTheFirstRecordWithTheLargestTimestampAcrossSegments() {
        open(tiny(tempDir), true);
        assertThat(log.maxTimestampRecord()).isEmpty();
        fill(10);
        log.appendAsLeader(batch(10, 3, 50_000L, 20), 2);
        log.appendAsLeader(batch(11, 3, 2_000L, 20), 2);
        log.appendAsLeader(batch(12, 2, 50_001L, 20), 3);
        for (int i = 13; i < 16; i++) {
            log.appendAsLeader(batch(i, 3, 1000L * i, 20), 3);
        }

        assertThat(log.segmentCount()).isGreaterThan(1);
        assertThat(log.maxTimestampRecord()).contains(new TimestampAndOffset(50_002L, 32, 2));
        log.close();
        open(tiny(tempDir), true);
        assertThat(log.maxTimestampRecord()).as("after reopening").contains(new TimestampAndOffset(50_002L, 32, 2));
    }

    @Test
    void reopenFromDiskKeepsEverythingAfterACleanClose() {
        open(tiny(tempDir), true);
        fill(30);
        List<Long> segments = log.segmentBaseOffsets();
        List<Record> before = readAll(log, 0);
        log.close();
        open(tiny(tempDir), true);
        assertThat(log.segmentBaseOffsets()).isEqualTo(segments);
        assertThat(log.logEndOffset()).isEqualTo(90);
        assertThat(log.leaderEpochCache().entries()).containsExactly(new LeaderEpochCache.EpochEntry(1, 0));
        assertThat(readAll(log, 0)).isEqualTo(before);
        assertThat(log.offsetForTimestamp(5001)).contains(new TimestampAndOffset(5001, 16, 1));
        log.appendAsLeader(batch(77, 1, 0L, 5), 2);
        assertThat(log.logEndOffset()).isEqualTo(91);
    }

    @Test
    void epochsTheCheckpointLostInAMachineCrashAreRelearntFromTheBatchesOfTheRecoveredTail() {
        open(tiny(tempDir), true);
        for (int i = 0; i < 30; i++) {
            log.appendAsLeader(batch(i, 3, 1000L * i, 20), i < 10 ? 1 : i < 20 ? 3 : 5);
        }
        assertThat(log.leaderEpochCache().entries()).containsExactly(new LeaderEpochCache.EpochEntry(1, 0),
                new LeaderEpochCache.EpochEntry(3, 30), new LeaderEpochCache.EpochEntry(5, 60));
        log.close();
        // what an unsynced checkpoint may hold after the machine crashed: an older version
        CheckpointFile.write(log.dir().resolve(LogFiles.LEADER_EPOCH_CHECKPOINT), List.of("1 0"));

        open(tiny(tempDir), false);

        assertThat(log.leaderEpochCache().entries()).containsExactly(new LeaderEpochCache.EpochEntry(1, 0),
                new LeaderEpochCache.EpochEntry(3, 30), new LeaderEpochCache.EpochEntry(5, 60));
        assertThat(log.logEndOffset()).isEqualTo(90);
    }

    @Test
    void reopenWithoutCleanShutdownRebuildsIndexesIdentically() throws Exception {
        open(tiny(tempDir), true);
        fill(30);
        log.close();
        long active = log.segmentBaseOffsets().get(log.segmentCount() - 1);
        byte[] index = Files.readAllBytes(LogFiles.indexFile(log.dir(), active));
        byte[] timeIndex = Files.readAllBytes(LogFiles.timeIndexFile(log.dir(), active));
        open(tiny(tempDir), false);
        assertThat(Files.readAllBytes(LogFiles.indexFile(log.dir(), active))).isEqualTo(index);
        assertThat(Files.readAllBytes(LogFiles.timeIndexFile(log.dir(), active))).isEqualTo(timeIndex);
        assertThat(log.logEndOffset()).isEqualTo(90);
    }

    private static java.nio.ByteBuffer followerBatch(long baseOffset, int records) {
        java.nio.ByteBuffer bytes = batch(1, records, 0L, 5);
        io.ferrymq.common.record.RecordBatch.wrap(bytes).setBaseOffset(baseOffset);
        return bytes;
    }

    static List<Long> range(long from, long to) {
        return java.util.stream.LongStream.range(from, to).boxed().toList();
    }
}
