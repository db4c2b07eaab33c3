package io.ferrymq.broker.log;

import static io.ferrymq.broker.log.TestBatches.batch;
import static io.ferrymq.broker.log.TestBatches.readAll;
import static io.ferrymq.broker.log.TestBatches.valueString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.broker.log.AppendProbe.Step;
import io.ferrymq.common.record.HostileBatches;
import io.ferrymq.common.record.Record;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link PartitionLog}'s append path is all or nothing: a failure injected at each step (the roll,
 * the segment write, each index entry, the end of the segment append, the fsync of
 * {@code log.flush.interval.messages=1}), with and without a roll, leaves the log end, the
 * segments, every file of the directory (compared after a flush, which also writes the in-memory
 * index entries) and the leader-epoch cache as before. The same append then lands at the log end
 * and reads back, and a second log opened on the directory without a clean shutdown recovers
 * every acknowledged record.
 */
class PartitionLogAppendFailureTest {

    @TempDir
    Path tempDir;

    private final MutableClock clock = new MutableClock(1_000_000L);

    private LogConfig config() {
        return LogConfig.defaults(tempDir).withIndex(0, 4096).withRollMs(60_000L).withFlush(1, Long.MAX_VALUE);
    }

    @ParameterizedTest(name = "{0} #{1}, roll {2}")
    @CsvSource({"ROLLED, 1, true", "FILE_WRITTEN, 1, false", "FILE_WRITTEN, 1, true", "OFFSET_INDEX_APPEND, 2, false",
            "OFFSET_INDEX_APPEND, 1, true", "TIME_INDEX_APPEND, 2, false", "TIME_INDEX_APPEND, 1, true",
            "SEGMENT_APPENDED, 1, false", "SEGMENT_APPENDED, 1, true", "FLUSH, 1, false", "FLUSH, 1, true"})
    void failedLeaderAppendChangesNothingAndTheRetryIsRecovered(Step step, int nth, boolean roll) {
        Path dir = tempDir.resolve("t-0");
        FailingProbe probe = new FailingProbe(step, nth);
        PartitionLog log = PartitionLog.open(dir, config(), clock, 0L, true, probe);
        for (int i = 0; i < 5; i++) {
            log.appendAsLeader(batch(i, 2, 1_000L + i, 20), 1);
        }
        long timestamp = roll ? 1_000_000L : 2_000L;
        Snapshot before = Snapshot.of(log);
        probe.arm();

        assertThatThrownBy(() -> log.appendAsLeader(threeBatches(10, timestamp), 2))
                .isInstanceOf(FailingProbe.InjectedFailure.class);

        assertThat(probe.fired()).isTrue();
        assertThat(Snapshot.of(log)).isEqualTo(before);
        assertThat(log.appendAsLeader(threeBatches(10, timestamp), 2).firstOffset()).isEqualTo(10);
        assertThat(log.segmentCount()).isEqualTo(roll ? 2 : 1);
        assertThat(log.leaderEpochCache().entries()).containsExactly(new LeaderEpochCache.EpochEntry(1, 0),
                new LeaderEpochCache.EpochEntry(2, 10));
        List<String> expected = values(readAll(log, 0));
        assertThat(expected).hasSize(16).endsWith("12/1");

        PartitionLog recovered = PartitionLog.open(dir, config(), clock, 0L, false);
        try {
            assertThat(recovered.logEndOffset()).isEqualTo(16);
            assertThat(values(readAll(recovered, 0))).isEqualTo(expected);
            assertThat(recovered.leaderEpochCache().entries()).isEqualTo(log.leaderEpochCache().entries());
            assertThat(recovered.appendAsLeader(batch(20, 1, timestamp, 5), 2).firstOffset()).isEqualTo(16);
        } finally {
            recovered.close();
            log.close();
        }
    }

    @Test
    void failedFollowerAppendDropsTheEpochsItRecorded() {
        FailingProbe probe = new FailingProbe(Step.FILE_WRITTEN, 1);
        PartitionLog log = PartitionLog.open(tempDir.resolve("t-0"), config(), clock, 0L, true, probe);
        log.appendAsLeader(batch(0, 2, 1_000L, 20), 1);
        ByteBuffer fromLeader = batch(1, 2, 2_000L, 20);
        StoredBatches.assignOffsetsAndEpoch(fromLeader, 2, 4);
        probe.arm();

        assertThatThrownBy(() -> log.appendAsFollower(fromLeader.duplicate()))
                .isInstanceOf(FailingProbe.InjectedFailure.class);

        assertThat(log.leaderEpochCache().entries()).containsExactly(new LeaderEpochCache.EpochEntry(1, 0));
        assertThat(log.logEndOffset()).isEqualTo(2);
        assertThat(log.appendAsFollower(fromLeader.duplicate()).firstOffset()).isEqualTo(2);
        assertThat(log.leaderEpochCache().entries()).containsExactly(new LeaderEpochCache.EpochEntry(1, 0),
                new LeaderEpochCache.EpochEntry(4, 2));
        log.close();
    }

    @Test
    void appendThatCannotBeUndoneFencesTheLogUntilItIsReopened() throws IOException {
        Path dir = tempDir.resolve("t-0");
        Path blocker = LogFiles.tempFile(dir.resolve(LogFiles.LEADER_EPOCH_CHECKPOINT));
        FailingProbe probe = new FailingProbe(Step.FILE_WRITTEN, 1, () -> createDirectory(blocker));
        PartitionLog log = PartitionLog.open(dir, config(), clock, 0L, true, probe);
        log.appendAsLeader(batch(0, 2, 1_000L, 20), 1);
        probe.arm();

        assertThatThrownBy(() -> log.appendAsLeader(batch(1, 2, 2_000L, 20), 2))
                .isInstanceOf(FailingProbe.InjectedFailure.class)
                .satisfies(e -> assertThat(e.getSuppressed()).hasOnlyElementsOfType(UncheckedIOException.class));
        assertThatThrownBy(() -> log.appendAsLeader(batch(2, 2, 3_000L, 20), 2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("could not be undone");
        log.close();
        Files.delete(blocker);

        PartitionLog reopened = PartitionLog.open(dir, config(), clock, 0L, false);
        try {
            assertThat(reopened.logEndOffset()).isEqualTo(2);
            assertThat(reopened.appendAsLeader(batch(3, 2, 4_000L, 20), 2).firstOffset()).isEqualTo(2);
            assertThat(values(readAll(reopened, 0))).containsExactly("0/0", "0/1", "3/0", "3/1");
        } finally {
            reopened.close();
        }
    }

    /** The log's offsets, epochs and every file of its directory after a flush. */
    private record Snapshot(long logEndOffset, List<Long> segments, List<LeaderEpochCache.EpochEntry> epochs,
                            Map<String, ByteBuffer> files) {
        static Snapshot of(PartitionLog log) {
            log.flush();
            Map<String, ByteBuffer> files = new TreeMap<>();
            try (Stream<Path> listing = Files.list(log.dir())) {
                for (Path file : listing.toList()) {
                    files.put(file.getFileName().toString(), ByteBuffer.wrap(Files.readAllBytes(file)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Snapshot(log.logEndOffset(), log.segmentBaseOffsets(), log.leaderEpochCache().entries(), files);
        }
    }

    private static ByteBuffer threeBatches(int firstId, long timestamp) {
        return HostileBatches.concat(batch(firstId, 2, timestamp, 20), batch(firstId + 1, 2, timestamp + 10, 20),
                batch(firstId + 2, 2, timestamp + 20, 20));
    }

    private static List<String> values(List<Record> records) {
        List<String> values = new ArrayList<>();
        records.forEach(r -> values.add(valueString(r).substring(0, valueString(r).indexOf(':'))));
        return values;
    }

    private static void createDirectory(Path path) {
        try {
            Files.createDirectory(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
