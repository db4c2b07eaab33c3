package io.ferrymq.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.broker.log.producer.ProducerStateEntry;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idempotent-producer state wired into the partition log: leader and follower appends, reopen, truncation. */
class PartitionLogProducerStateTest {

    private static final long PID = 42L;
    private static final long START_MS = 1_000_000L;

    @TempDir
    Path tempDir;

    private final MutableClock clock = new MutableClock(START_MS);
    private PartitionLog log;

    private PartitionLog open(LogConfig config, boolean clean) {
        log = PartitionLog.open(tempDir.resolve("t-0"), config, clock, 0L, clean);
        return log;
    }

    /** About four 3-record batches per segment, so a few appends roll. */
    private LogConfig tiny() {
        return LogConfig.defaults(tempDir).withSegmentBytes(600).withIndex(100, 1024);
    }

    @AfterEach
    void close() {
        if (log != null) {
            log.close();
        }
    }

    /** A fresh producer batch of {@code records} records stamped with the clock's time. */
    private ByteBuffer batch(long pid, int epoch, int seq, int records) {
        RecordBatchBuilder builder = RecordBatchBuilder.allocate(256, CompressionType.NONE)
                .producer(pid, (short) epoch, seq);
        for (int i = 0; i < records; i++) {
            byte[] value = ("v" + seq + "/" + i + "-padding-padding").getBytes(StandardCharsets.UTF_8);
            builder.append(clock.millis(), null, value);
        }
        builder.build();
        return builder.buffer().flip();
    }

    /** Appends batches of 3 records with sequences 0, 3, 6, ... as leader; returns their first offsets. */
    private long[] appendSequence(int batches) {
        long[] offsets = new long[batches];
        for (int i = 0; i < batches; i++) {
            offsets[i] = log.appendAsLeader(batch(PID, 0, 3 * i, 3), 1).firstOffset();
        }
        return offsets;
    }

    private void assertRefused(ByteBuffer batch, ErrorCode code) {
        long end = log.logEndOffset();
        long size = log.sizeInBytes();
        assertThatThrownBy(() -> log.appendAsLeader(batch, 1)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.error()).isEqualTo(code));
        assertThat(log.logEndOffset()).isEqualTo(end);
        assertThat(log.sizeInBytes()).isEqualTo(size);
    }

    private List<Path> snapshots() throws Exception {
        try (Stream<Path> files = Files.list(log.dir())) {
            return files.filter(f -> f.toString().endsWith(LogFiles.PRODUCER_SNAPSHOT_SUFFIX)).sorted().toList();
        }
    }

    @Test
    void leaderDuplicateWritesNothingAndAnswersTheOriginalOffsets() {
        open(LogConfig.defaults(tempDir), true);
        LogAppendInfo first = log.appendAsLeader(batch(PID, 0, 0, 3), 1);
        log.appendAsLeader(batch(PID, 0, 3, 2), 1);
        long size = log.sizeInBytes();

        LogAppendInfo retry = log.appendAsLeader(batch(PID, 0, 0, 3), 1);

        assertThat(retry.firstOffset()).isZero();
        assertThat(retry.lastOffset()).isEqualTo(first.lastOffset());
        assertThat(retry.recordCount()).isZero();
        assertThat(log.logEndOffset()).isEqualTo(5);
        assertThat(log.sizeInBytes()).isEqualTo(size);
    }

    @Test
    void leaderRefusesGapsOldEpochsAndUnknownProducersWritingNothing() {
        open(LogConfig.defaults(tempDir), true);
        log.appendAsLeader(batch(PID, 2, 0, 3), 1);
        assertRefused(batch(PID, 2, 4, 1), ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertRefused(batch(PID, 1, 3, 1), ErrorCode.INVALID_PRODUCER_EPOCH);
        assertRefused(batch(PID + 1, 0, 7, 1), ErrorCode.UNKNOWN_PRODUCER_ID);
        assertThat(log.appendAsLeader(batch(PID, 3, 0, 1), 1).firstOffset()).isEqualTo(3);
    }

    @Test
    void batchesWithoutProducerAreUnaffected() {
        open(LogConfig.defaults(tempDir), true);
        log.appendAsLeader(TestBatches.batch(1, 2, START_MS, 10), 1);
        log.appendAsLeader(TestBatches.batch(1, 2, START_MS, 10), 1);
        assertThat(log.logEndOffset()).isEqualTo(4);
    }

    @Test
    void stateSurvivesACleanCloseAndReopenAcrossRolls() throws Exception {
        open(tiny(), true);
        long[] offsets = appendSequence(10);
        assertThat(log.segmentCount()).isGreaterThan(2);
        long end = log.logEndOffset();
        log.close();
        assertThat(snapshots()).contains(LogFiles.producerSnapshotFile(log.dir(), end));

        open(tiny(), true);

        assertThat(log.appendAsLeader(batch(PID, 0, 27, 3), 1).firstOffset()).as("duplicate of the last batch")
                .isEqualTo(offsets[9]);
        assertThat(log.appendAsLeader(batch(PID, 0, 30, 3), 1).firstOffset()).isEqualTo(end);
    }

    @Test
    void stateIsRebuiltFromTheLogAfterAnUncleanShutdown() throws Exception {
        open(tiny(), true);
        long[] offsets = appendSequence(10);
        long end = log.logEndOffset();
        log.close();
        Files.delete(LogFiles.producerSnapshotFile(log.dir(), end));

        open(tiny(), false);

        assertThat(log.appendAsLeader(batch(PID, 0, 27, 3), 1).firstOffset()).as("duplicate of the last batch")
                .isEqualTo(offsets[9]);
        assertRefused(batch(PID, 0, 33, 3), ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(log.appendAsLeader(batch(PID, 0, 30, 3), 1).firstOffset()).isEqualTo(end);
    }

    @Test
    void withoutSnapshotsTheWholeFiveBatchWindowIsRebuiltFromTheLog() throws Exception {
        open(tiny(), true);
        long[] offsets = appendSequence(10);
        log.close();
        for (Path snapshot : snapshots()) {
            Files.delete(snapshot);
        }

        open(tiny(), false);

        assertThat(log.appendAsLeader(batch(PID, 0, 15, 3), 1).firstOffset()).as("duplicate of the 5th-last batch")
                .isEqualTo(offsets[5]);
        assertRefused(batch(PID, 0, 12, 3), ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    }

    @Test
    void corruptSnapshotIsDeletedAndTheStateRebuiltFromTheLog() throws Exception {
        open(tiny(), true);
        long[] offsets = appendSequence(10);
        log.close();
        for (Path snapshot : snapshots()) {
            byte[] bytes = Files.readAllBytes(snapshot);
            bytes[bytes.length - 1] ^= 0x5a;
            Files.write(snapshot, bytes);
        }

        open(tiny(), true);

        assertThat(log.producerState(PID).map(ProducerStateEntry::lastSeq)).contains(29);
        assertThat(log.appendAsLeader(batch(PID, 0, 24, 3), 1).firstOffset()).isEqualTo(offsets[8]);
    }

    @Test
    void truncateToRestoresTheStateAtTheTruncationPoint() {
        open(tiny(), true);
        long[] offsets = appendSequence(10);

        assertThat(log.truncateTo(offsets[6])).isTrue();

        assertThat(log.producerState(PID).map(ProducerStateEntry::lastSeq)).contains(17);
        assertThat(log.appendAsLeader(batch(PID, 0, 15, 3), 1).firstOffset()).as("duplicate").isEqualTo(offsets[5]);
        assertThat(log.appendAsLeader(batch(PID, 0, 18, 3), 1).firstOffset()).as("truncated batch is new again")
                .isEqualTo(offsets[6]);
    }

    @Test
    void truncateFullyForgetsEveryProducerAndSnapshot() throws Exception {
        open(tiny(), true);
        appendSequence(10);
        log.truncateFullyAndStartAt(100L);
        assertThat(log.producerState(PID)).isEmpty();
        assertThat(snapshots()).isEmpty();
        assertRefused(batch(PID, 0, 30, 3), ErrorCode.UNKNOWN_PRODUCER_ID);
    }

    @Test
    void followerAppendUpdatesTheState() {
        PartitionLog leader = PartitionLog.open(tempDir.resolve("leader-0"), LogConfig.defaults(tempDir), clock, 0L,
                true);
        try {
            leader.appendAsLeader(batch(PID, 0, 0, 3), 4);
            leader.appendAsLeader(batch(PID, 0, 3, 3), 4);
            open(LogConfig.defaults(tempDir), true);

            log.appendAsFollower(leader.read(0, 1 << 20, Long.MAX_VALUE, true).records().readFully());

            assertThat(log.producerState(PID).map(ProducerStateEntry::lastSeq)).contains(5);
            assertThat(log.appendAsLeader(batch(PID, 0, 3, 3), 5).firstOffset()).as("duplicate").isEqualTo(3L);
            assertThat(log.appendAsLeader(batch(PID, 0, 6, 1), 5).firstOffset()).isEqualTo(6L);
        } finally {
            leader.close();
        }
    }

    @Test
    void idleProducerExpiresAfterProducerIdExpirationMs() {
        open(LogConfig.defaults(tempDir).withProducerIdExpirationMs(60_000L), true);
        log.appendAsLeader(batch(PID, 0, 0, 3), 1);
        clock.advance(59_999L);
        log.appendAsLeader(batch(PID, 0, 3, 1), 1);
        clock.advance(60_000L);
        assertRefused(batch(PID, 0, 4, 1), ErrorCode.UNKNOWN_PRODUCER_ID);
        assertThat(log.appendAsLeader(batch(PID, 0, 0, 1), 1).firstOffset()).as("a fresh start").isEqualTo(4L);
    }

    @Test
    void expiredProducersAreDroppedOnReopen() {
        open(LogConfig.defaults(tempDir).withProducerIdExpirationMs(60_000L), true);
        log.appendAsLeader(batch(PID, 0, 0, 3), 1);
        log.close();
        clock.advance(60_000L);
        open(LogConfig.defaults(tempDir).withProducerIdExpirationMs(60_000L), true);
        assertThat(log.producerState(PID)).isEmpty();
    }
}
