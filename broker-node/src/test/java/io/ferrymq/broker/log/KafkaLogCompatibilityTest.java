package io.ferrymq.broker.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.log.index.OffsetPosition;
import io.ferrymq.broker.log.index.TimestampOffset;
import io.ferrymq.common.record.Record;
import io.ferrymq.common.record.RecordBatch;
import io.ferrymq.common.record.RecordBatches;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Opens partition directories that Kafka 3.9.1 wrote (test resources, copied from
 * {@code shared/testdata/kafka-3.9.1-segments}, Kafka ran with {@code log.index.interval.bytes=1024}).
 */
class KafkaLogCompatibilityTest {

    private static final String LOG = "00000000000000000000.log";
    private static final String INDEX = "00000000000000000000.index";
    private static final String TIME_INDEX = "00000000000000000000.timeindex";

    @TempDir
    Path tempDir;

    private final MutableClock clock = new MutableClock(1_764_000_100_000L);

    private LogConfig config() {
        return LogConfig.defaults(tempDir).withIndex(1024, LogConfig.DEFAULT_INDEX_SIZE_MAX_BYTES);
    }

    private Path copy(String folder) {
        Path dir = tempDir.resolve(folder);
        try {
            Files.createDirectories(dir);
            for (String file : List.of(LOG, INDEX, TIME_INDEX, LogFiles.LEADER_EPOCH_CHECKPOINT)) {
                try (InputStream in = getClass().getClassLoader()
                        .getResourceAsStream("kafka-3.9.1-segments/" + folder + "/" + file)) {
                    assertThat(in).as("test resource %s/%s", folder, file).isNotNull();
                    Files.copy(in, dir.resolve(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2-none-0", "v2-gzip-0"})
    void recoveryWithoutIndexFilesRebuildsKafkasIndexes(String folder) throws IOException {
        Path dir = copy(folder);
        byte[] kafkaIndex = Files.readAllBytes(dir.resolve(INDEX));
        byte[] kafkaTimeIndex = Files.readAllBytes(dir.resolve(TIME_INDEX));
        Files.delete(dir.resolve(INDEX));
        Files.delete(dir.resolve(TIME_INDEX));

        PartitionLog log = PartitionLog.open(dir, config(), clock, 0L, false);
        try {
            assertThat(Files.readAllBytes(dir.resolve(INDEX))).isEqualTo(kafkaIndex);
            assertThat(log.logEndOffset()).isEqualTo(205);
            assertThat(log.leaderEpochCache().entries()).containsExactly(new LeaderEpochCache.EpochEntry(0, 0));
        } finally {
            log.close();
        }
        // Kafka's files were closed cleanly, which adds a final time index entry; so does close()
        assertThat(Files.readAllBytes(dir.resolve(INDEX))).isEqualTo(kafkaIndex);
        assertThat(Files.readAllBytes(dir.resolve(TIME_INDEX))).isEqualTo(kafkaTimeIndex);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2-none-0", "v2-gzip-0"})
    void cleanOpenUsesKafkasIndexesAndEveryOffsetReadsItsBatch(String folder) throws IOException {
        Path dir = copy(folder);
        List<RecordBatch> kafkaBatches = new ArrayList<>();
        RecordBatches.wrap(ByteBuffer.wrap(Files.readAllBytes(dir.resolve(LOG)))).forEach(kafkaBatches::add);
        PartitionLog log = PartitionLog.open(dir, config(), clock, 205L, true);
        try {
            assertThat(log.logEndOffset()).isEqualTo(205);
            for (long offset = 0; offset < 205; offset++) {
                LogReadInfo info = log.read(offset, 1, Long.MAX_VALUE, true);
                RecordBatch batch = RecordBatch.wrap(info.records().readFully());
                assertThat(batch.baseOffset()).isLessThanOrEqualTo(offset);
                assertThat(batch.lastOffset()).isGreaterThanOrEqualTo(offset);
                assertThat(kafkaBatches).anySatisfy(k -> assertThat(k.buffer()).isEqualTo(batch.buffer()));
            }
        } finally {
            log.close();
        }
    }

    @Test
    void indexEntriesAreKafkasAndLookupsLandOnTheRightBatch() {
        Path dir = copy("v2-none-0");
        PartitionLog log = PartitionLog.open(dir, config(), clock, 205L, true);
        try {
            LogSegment segment = segmentOf(log);
            assertThat(segment.offsetIndex().entries()).isEqualTo(4);
            assertThat(segment.offsetIndex().entry(0)).isEqualTo(new OffsetPosition(110, 15523));
            assertThat(segment.offsetIndex().entry(3)).isEqualTo(new OffsetPosition(204, 35106));
            assertThat(segment.offsetIndex().lookup(150)).isEqualTo(new OffsetPosition(149, 21508));
            assertThat(segment.timeIndex().entry(0)).isEqualTo(new TimestampOffset(1_764_000_000_116L, 110));
            List<Record> records = new ArrayList<>();
            long offset = 0;
            while (offset < log.logEndOffset()) {
                LogReadInfo info = log.read(offset, 1 << 20, Long.MAX_VALUE, true);
                records.addAll(RecordBatches.wrap(info.records().readFully()).records());
                offset = info.nextOffset();
            }
            assertThat(records).hasSize(205);
            for (Record record : records) {
                long expected = records.stream().filter(r -> r.timestamp() >= record.timestamp())
                        .mapToLong(Record::offset).min().orElseThrow();
                assertThat(log.offsetForTimestamp(record.timestamp()).map(f -> new TimestampOffset(f.timestamp(),
                        f.offset()))).contains(new TimestampOffset(records.get((int) expected).timestamp(), expected));
            }
        } finally {
            log.close();
        }
    }

    private static LogSegment segmentOf(PartitionLog log) {
        try {
            var field = PartitionLog.class.getDeclaredField("segments");
            field.setAccessible(true);
            @SuppressWarnings("unchecked")
            var segments = (java.util.NavigableMap<Long, LogSegment>) field.get(log);
            return segments.firstEntry().getValue();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
