package io.ferrymq.broker.log;

import static io.ferrymq.broker.log.TestBatches.batch;
import static io.ferrymq.broker.log.TestBatches.valueString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.broker.log.AppendProbe.Step;
import io.ferrymq.broker.log.index.OffsetIndex;
import io.ferrymq.broker.log.index.OffsetPosition;
import io.ferrymq.broker.log.index.TimeIndex;
import io.ferrymq.broker.log.index.TimestampOffset;
import io.ferrymq.broker.log.recovery.ScanResult;
import io.ferrymq.common.errors.CorruptRecordException;
import io.ferrymq.common.record.HostileBatches;
import io.ferrymq.common.record.Record;
import io.ferrymq.common.record.RecordBatches;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link LogSegment#append} is all or nothing: a failure injected at each step (after the file
 * write, before each offset and time index entry, after the last entry) leaves the file bytes, both
 * indexes (in memory and on disk) and the segment's state as they were; the same append then
 * succeeds at the same offsets and reads back, and a reopened, recovered segment keeps everything.
 * Every batch is indexed and the segment already holds 510 entries, so the failing append crosses
 * the 512-entry chunk at which the index files are written.
 */
class LogSegmentAppendFailureTest {

    private static final long BASE = 100L;
    private static final int PREFILL_BATCHES = 511;

    @TempDir
    Path dir;

    /** Everything an append may change, as values: the segment's state, its file and its index entries. */
    private record State(LogSegment.Mark mark, ByteBuffer log, List<OffsetPosition> offsetEntries,
                         List<TimestampOffset> timeEntries) {
        static State of(LogSegment segment, Path dir) {
            return new State(segment.mark(), read(LogFiles.logFile(dir, BASE)), entriesOf(segment.offsetIndex()),
                    entriesOf(segment.timeIndex()));
        }

        @Override
        public String toString() {
            return mark + ", log crc " + crc(log) + ", offset index " + offsetEntries.size() + " entries ending "
                    + offsetEntries.get(offsetEntries.size() - 1) + ", time index " + timeEntries.size()
                    + " entries ending " + timeEntries.get(timeEntries.size() - 1);
        }
    }

    private LogConfig config() {
        return LogConfig.defaults(dir).withIndex(0, 8192);
    }

    @ParameterizedTest(name = "{0} #{1}")
    @CsvSource({"FILE_WRITTEN, 1", "OFFSET_INDEX_APPEND, 1", "OFFSET_INDEX_APPEND, 4", "TIME_INDEX_APPEND, 1",
            "TIME_INDEX_APPEND, 4", "SEGMENT_APPENDED, 1"})
    void failedAppendLeavesFileIndexesAndStateAsBefore(Step step, int nth) {
        LogSegment segment = LogSegment.create(dir, BASE, config(), 0L);
        long next = BASE;
        for (int i = 0; i < PREFILL_BATCHES; i++) {
            next = append(segment, next, i, 1, AppendProbe.NONE);
        }
        State before = State.of(segment, dir);
        FailingProbe probe = new FailingProbe(step, nth);
        probe.arm();
        ByteBuffer failing = batches(next, 1000, 4);

        assertThatThrownBy(() -> segment.append(failing, probe)).isInstanceOf(FailingProbe.InjectedFailure.class);

        assertThat(probe.fired()).isTrue();
        assertThat(State.of(segment, dir)).isEqualTo(before);
        segment.flush();
        try (OffsetIndex onDisk = OffsetIndex.open(LogFiles.indexFile(dir, BASE), BASE, 8192);
             TimeIndex timeOnDisk = TimeIndex.open(LogFiles.timeIndexFile(dir, BASE), BASE, 8192)) {
            assertThat(entriesOf(onDisk)).isEqualTo(before.offsetEntries());
            assertThat(entriesOf(timeOnDisk)).isEqualTo(before.timeEntries());
        }
        segment.append(batches(next, 1000, 4), AppendProbe.NONE);
        assertThat(segment.readNextOffset()).isEqualTo(next + 8);
        assertThat(values(segment, next)).containsExactly("1000/0", "1000/1", "1001/0", "1001/1", "1002/0", "1002/1",
                "1003/0", "1003/1");
        State complete = State.of(segment, dir);
        segment.close();

        LogSegment reopened = LogSegment.open(dir, BASE, config(), 0L);
        ScanResult scan = reopened.recover();
        assertThat(scan.problem()).isEmpty();
        assertThat(scan.batches()).isEqualTo(PREFILL_BATCHES + 4);
        assertThat(State.of(reopened, dir).offsetEntries()).isEqualTo(complete.offsetEntries());
        assertThat(State.of(reopened, dir).timeEntries()).isEqualTo(complete.timeEntries());
        assertThat(reopened.mark()).isEqualTo(complete.mark());
        reopened.close();
    }

    @Test
    void appendWhoseOffsetsDoNotFitTheSegmentIsRefusedBeforeWriting() {
        LogSegment segment = LogSegment.create(dir, BASE, config(), 0L);
        long next = append(segment, BASE, 1, 3, AppendProbe.NONE);
        State before = State.of(segment, dir);
        ByteBuffer lying = LyingBatchAppendTest.lyingBatch(Integer.MAX_VALUE);
        ByteBuffer overflowing = HostileBatches.concat(lying, batch(2, 2, 200L, 10));
        StoredBatches.assignOffsetsAndEpoch(overflowing, next, 0);
        ByteBuffer behind = batch(3, 1, 300L, 10);
        StoredBatches.assignOffsetsAndEpoch(behind, next - 1, 0);
        ByteBuffer cut = batches(next, 4, 2).limit(100);

        assertThatThrownBy(() -> segment.append(overflowing, AppendProbe.NONE))
                .isInstanceOf(LogSegmentOffsetOverflowException.class)
                .hasMessageContaining("beyond the 32-bit relative offsets of the segment at " + BASE);
        assertThatThrownBy(() -> segment.append(behind, AppendProbe.NONE)).isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("does not follow offset");
        assertThatThrownBy(() -> segment.append(cut, AppendProbe.NONE)).isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("is cut or declares");
        assertThat(State.of(segment, dir)).isEqualTo(before);
        segment.close();
    }

    /**
     * Found by {@code SegmentRecoveryFuzzTest}: a recovered segment whose last batch ends at its
     * last relative offset refuses the next append up front, and the partition log rolls instead.
     */
    @Test
    void segmentEndingAtItsLastRelativeOffsetRefusesMoreAndThePartitionLogRolls() throws IOException {
        Path partitionDir = Files.createDirectory(dir.resolve("t-0"));
        try (LogSegment segment = LogSegment.create(partitionDir, 0L, config(), 0L)) {
            segment.append(batches(Integer.MAX_VALUE - 1L, 1, 1), AppendProbe.NONE);
            LogSegment.Mark full = segment.mark();
            assertThatThrownBy(() -> segment.append(batches(Integer.MAX_VALUE + 1L, 2, 1), AppendProbe.NONE))
                    .isInstanceOf(LogSegmentOffsetOverflowException.class);
            assertThat(segment.mark()).isEqualTo(full);
        }

        PartitionLog log = PartitionLog.open(partitionDir, config(), new MutableClock(0L), 0L, false);
        try {
            assertThat(log.logEndOffset()).isEqualTo(Integer.MAX_VALUE + 1L);
            assertThat(log.appendAsLeader(batch(3, 2, 3000L, 3), 0).firstOffset()).isEqualTo(Integer.MAX_VALUE + 1L);
            assertThat(log.segmentBaseOffsets()).containsExactly(0L, Integer.MAX_VALUE + 1L);
        } finally {
            log.close();
        }
    }

    /** Appends {@code batches} batches of two records from {@code offset}; returns the next offset. */
    private static long append(LogSegment segment, long offset, int firstId, int batches, AppendProbe probe) {
        segment.append(batches(offset, firstId, batches), probe);
        return offset + 2L * batches;
    }

    private static ByteBuffer batches(long offset, int firstId, int count) {
        List<ByteBuffer> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parts.add(batch(firstId + i, 2, 1000L * (firstId + i), 3));
        }
        ByteBuffer all = HostileBatches.concat(parts.toArray(ByteBuffer[]::new));
        StoredBatches.assignOffsetsAndEpoch(all, offset, 0);
        return all;
    }

    private static List<String> values(LogSegment segment, long from) {
        SegmentRead read = segment.read(from, Integer.MAX_VALUE, Long.MAX_VALUE, true).orElseThrow();
        List<String> values = new ArrayList<>();
        for (Record record : RecordBatches.wrap(read.slice().readFully()).records()) {
            values.add(valueString(record).substring(0, valueString(record).indexOf(':')));
        }
        return values;
    }

    private static List<OffsetPosition> entriesOf(OffsetIndex index) {
        return IntStream.range(0, index.entries()).mapToObj(index::entry).toList();
    }

    private static List<TimestampOffset> entriesOf(TimeIndex index) {
        return IntStream.range(0, index.entries()).mapToObj(index::entry).toList();
    }

    private static long crc(ByteBuffer bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.duplicate());
        return crc.getValue();
    }

    private static ByteBuffer read(Path file) {
        try {
            return ByteBuffer.wrap(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
