package io.ferrymq.broker.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.log.cleaner.CleanerConfig;
import io.ferrymq.broker.log.cleaner.OffsetMap;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.Record;
import io.ferrymq.common.record.RecordBatchBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.common.record.FileRecords;
import org.apache.kafka.common.record.FileLogInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A compacted partition log cleaned by the log cleaner, read back live, reopened, and by Kafka's classes. */
class LogCleanerTest {

    private static final long NOW = 10_000_000L;
    private static final long DELETE_RETENTION_MS = 60_000L;
    private static final int KEYS = 20;

    @TempDir
    Path tempDir;

    private final MutableClock clock = new MutableClock(NOW);
    private final Map<String, String> expected = new LinkedHashMap<>();
    private LogConfig config;
    private PartitionLog log;

    @BeforeEach
    void open() {
        config = LogConfig.defaults(tempDir).withSegmentBytes(1024).withIndex(128, 4096)
                .withCleanup(new CleanupConfig(false, true, 0.0, DELETE_RETENTION_MS, 0L));
        log = PartitionLog.open(tempDir.resolve("compacted-0"), config, clock, 0L, true);
    }

    @AfterEach
    void close() {
        log.close();
    }

    private LogCleaner cleanerFor(PartitionLog target) {
        return new LogCleaner(CleanerConfig.DEFAULT, () -> List.of(target),
                tp -> OptionalLong.of(target.logEndOffset()), clock, SwapProbe.NONE);
    }

    private void append(int round, int keys, CompressionType codec) {
        append(round, 0, keys, codec);
    }

    private void append(int round, int firstKey, int keys, CompressionType codec) {
        RecordBatchBuilder builder = RecordBatchBuilder.allocate(256, codec);
        for (int k = firstKey; k < firstKey + keys; k++) {
            String key = "key-" + k;
            String value = "value-" + round + "-" + k;
            builder.append(clock.millis(), key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
            expected.put(key, value);
        }
        builder.build();
        log.appendAsLeader(builder.buffer().flip(), 0);
    }

    private void delete(String key) {
        RecordBatchBuilder builder = RecordBatchBuilder.allocate(64, CompressionType.NONE);
        builder.append(clock.millis(), key.getBytes(StandardCharsets.UTF_8), null);
        builder.build();
        log.appendAsLeader(builder.buffer().flip(), 0);
        expected.remove(key);
    }

    /** Key to value (null for a tombstone) of the last record of each key, checking offsets only increase. */
    static Map<String, String> latest(PartitionLog log) {
        Map<String, String> latest = new LinkedHashMap<>();
        long previous = -1;
        for (Record record : TestBatches.readAll(log, log.logStartOffset())) {
            assertThat(record.offset()).as("offsets increase").isGreaterThan(previous);
            previous = record.offset();
            String key = StandardCharsets.UTF_8.decode(record.key().orElseThrow()).toString();
            latest.put(key, record.value().map(v -> StandardCharsets.UTF_8.decode(v).toString()).orElse(null));
        }
        return latest;
    }

    private static Map<String, String> withoutTombstones(Map<String, String> latest) {
        Map<String, String> live = new LinkedHashMap<>(latest);
        live.values().removeIf(v -> v == null);
        return live;
    }

    private static int recordCount(PartitionLog log) {
        return TestBatches.readAll(log, log.logStartOffset()).size();
    }

    @Test
    void cleaningKeepsTheLatestValueOfEveryKeyAtItsOwnOffset() {
        for (int round = 0; round < 30; round++) {
            append(round, KEYS, round % 2 == 0 ? CompressionType.NONE : CompressionType.GZIP);
        }
        int before = recordCount(log);
        int segmentsBefore = log.segmentCount();
        long end = log.logEndOffset();

        assertThat(cleanerFor(log).cleanFilthiest(new SegmentCleaner(new OffsetMap(24 * 1000, 0.9),
                SwapProbe.NONE))).isTrue();

        assertThat(latest(log)).isEqualTo(expected);
        assertThat(log.logEndOffset()).isEqualTo(end);
        assertThat(recordCount(log)).isLessThan(before / 3);
        assertThat(log.segmentCount()).as("groups are bounded by the segments' original sizes")
                .isLessThanOrEqualTo(segmentsBefore);
        List<Record> cleanedPart = TestBatches.readAll(log, 0).stream()
                .filter(r -> r.offset() < log.activeBaseOffset()).toList();
        Set<String> keys = new HashSet<>();
        cleanedPart.forEach(r -> assertThat(keys.add(StandardCharsets.UTF_8.decode(r.key().orElseThrow()).toString()))
                .as("one record per key below the active segment").isTrue());
    }

    @Test
    void cleanedSegmentsReopenAndAreValidKafkaSegments() throws IOException {
        for (int round = 0; round < 20; round++) {
            append(round, KEYS, CompressionType.NONE);
        }
        cleanerFor(log).cleanFilthiest(new SegmentCleaner(new OffsetMap(24 * 1000, 0.9), SwapProbe.NONE));
        Map<String, String> cleaned = latest(log);
        log.close();

        log = PartitionLog.open(tempDir.resolve("compacted-0"), config, clock, 0L, false);
        assertThat(latest(log)).isEqualTo(cleaned).isEqualTo(expected);
        for (Path segment : segmentFiles(log.dir())) {
            long previous = -1;
            try (FileRecords records = FileRecords.open(segment.toFile(), false)) {
                for (FileLogInputStream.FileChannelRecordBatch batch : records.batches()) {
                    batch.ensureValid();
                    for (org.apache.kafka.common.record.Record record : batch) {
                        assertThat(record.offset()).isGreaterThan(previous);
                        assertThat(record.hasKey()).isTrue();
                        previous = record.offset();
                    }
                }
            }
        }
    }

    @Test
    void tombstonesStayForDeleteRetentionAfterTheirFirstCleaningThenGo() {
        for (int round = 0; round < 10; round++) {
            append(round, KEYS, CompressionType.NONE);
        }
        delete("key-13");
        delete("key-17");
        for (int round = 10; round < 30; round++) {
            append(round, 10, CompressionType.NONE);
        }
        LogCleaner cleaner = cleanerFor(log);
        SegmentCleaner segmentCleaner = new SegmentCleaner(new OffsetMap(24 * 1000, 0.9), SwapProbe.NONE);
        assertThat(cleaner.cleanFilthiest(segmentCleaner)).isTrue();
        Map<String, String> afterFirst = latest(log);
        assertThat(afterFirst).containsEntry("key-13", null).containsEntry("key-17", null);
        assertThat(withoutTombstones(afterFirst)).isEqualTo(expected);

        clock.advance(DELETE_RETENTION_MS - 1);
        assertThat(cleaner.cleanFilthiest(segmentCleaner)).as("nothing due yet").isFalse();
        clock.advance(1);
        assertThat(cleaner.cleanFilthiest(segmentCleaner)).isTrue();
        assertThat(latest(log)).doesNotContainKeys("key-13", "key-17").isEqualTo(expected);
    }

    @Test
    void aFullOffsetMapCleansUpToWhereItFilledAndTheNextPassGoesOn() {
        for (int round = 0; round < 10; round++) {
            append(round, (round % 5) * KEYS, KEYS, CompressionType.NONE);
        }
        LogCleaner cleaner = cleanerFor(log);
        SegmentCleaner small = new SegmentCleaner(new OffsetMap(24 * 50, 0.9), SwapProbe.NONE);
        long uncleanable = cleaner.firstUncleanableOffset(log, clock.millis());

        assertThat(cleaner.cleanFilthiest(small)).isTrue();
        long firstDirty = cleaner.firstDirtyOffset(log);
        assertThat(firstDirty).as("stopped before the batch that would overfill the map (45 keys of 100)").isGreaterThan(0).isLessThan(uncleanable);
        assertThat(latest(log)).isEqualTo(expected);

        for (int pass = 0; pass < 20 && cleaner.firstDirtyOffset(log) < uncleanable; pass++) {
            cleaner.cleanFilthiest(small);
        }
        assertThat(cleaner.firstDirtyOffset(log)).isEqualTo(uncleanable);
        assertThat(latest(log)).isEqualTo(expected);
    }

    @Test
    void nothingAtOrAboveTheHighWatermarkOrTheActiveSegmentIsCleaned() {
        for (int round = 0; round < 10; round++) {
            append(round, KEYS, CompressionType.NONE);
        }
        LogCleaner cleaner = new LogCleaner(CleanerConfig.DEFAULT, () -> List.of(log), tp -> OptionalLong.of(0L), clock,
                SwapProbe.NONE);
        int before = recordCount(log);
        assertThat(cleaner.cleanFilthiest(new SegmentCleaner(new OffsetMap(24 * 1000, 0.9), SwapProbe.NONE))).isFalse();
        assertThat(recordCount(log)).isEqualTo(before);
        assertThat(cleaner.firstUncleanableOffset(log, clock.millis())).isZero();
    }

    @Test
    void aHighWatermarkInsideASegmentEndsTheCleaningWhereThatSegmentBegins() {
        for (int round = 0; round < 10; round++) {
            append(round, KEYS, CompressionType.NONE);
        }
        delete("key-1");
        for (int round = 10; round < 20; round++) {
            append(round, 2, 5, CompressionType.NONE);
        }
        List<Long> bases = log.segmentBaseOffsets();
        long lastInactive = bases.get(bases.size() - 2);
        AtomicLong highWatermark = new AtomicLong(lastInactive + 1);
        LogCleaner cleaner = new LogCleaner(CleanerConfig.DEFAULT, () -> List.of(log),
                tp -> OptionalLong.of(highWatermark.get()), clock, SwapProbe.NONE);
        SegmentCleaner segmentCleaner = new SegmentCleaner(new OffsetMap(24 * 1000, 0.9), SwapProbe.NONE);

        assertThat(cleaner.cleanFilthiest(segmentCleaner)).isTrue();
        assertThat(cleaner.firstDirtyOffset(log)).as("records from the segment holding the high watermark are not"
                + " mapped, so the dirty part begins with that segment").isEqualTo(lastInactive);
        highWatermark.set(log.logEndOffset());
        for (int pass = 0; pass < 3; pass++) {
            cleaner.cleanFilthiest(segmentCleaner);
            clock.advance(DELETE_RETENTION_MS);
        }
        assertThat(withoutTombstones(latest(log))).as("no older value of a deleted key comes back")
                .isEqualTo(expected);
    }

    @Test
    void minCompactionLagKeepsYoungSegmentsDirty() {
        log.updateConfig(config.withCleanup(new CleanupConfig(false, true, 0.0, DELETE_RETENTION_MS, 10_000L)));
        for (int round = 0; round < 5; round++) {
            append(round, KEYS, CompressionType.NONE);
        }
        LogCleaner cleaner = cleanerFor(log);
        assertThat(cleaner.firstUncleanableOffset(log, clock.millis())).isZero();
        clock.advance(10_000L);
        assertThat(cleaner.firstUncleanableOffset(log, clock.millis())).isEqualTo(log.activeBaseOffset());
    }

    @Test
    void logsWhosePolicyIsDeleteOnlyAreNeverCleaned() {
        log.updateConfig(config.withCleanup(CleanupConfig.DEFAULT));
        for (int round = 0; round < 10; round++) {
            append(round, KEYS, CompressionType.NONE);
        }
        assertThat(cleanerFor(log).cleanFilthiest(new SegmentCleaner(new OffsetMap(24 * 1000, 0.9),
                SwapProbe.NONE))).isFalse();
    }

    @Test
    void partlyCleanedBatchesKeepTheirGapsThroughRecoveryAndAnEmptiedProducerBatchKeepsItsSequences()
            throws IOException {
        appendAsProducer(42L, 0, "key-0", "key-1", "key-2");
        for (int round = 0; round < 20; round++) {
            append(round, round % 7, 10, CompressionType.NONE);
        }
        for (int round = 20; round < 23; round++) {
            append(round, 0, 3, CompressionType.NONE);
        }
        cleanerFor(log).cleanFilthiest(new SegmentCleaner(new OffsetMap(24 * 1000, 0.9), SwapProbe.NONE));
        assertThat(latest(log)).isEqualTo(expected);
        assertThat(log.producerState(42L).orElseThrow().lastSeq()).isEqualTo(2);
        log.close();
        try (Stream<Path> snapshots = Files.list(log.dir())) {
            for (Path snapshot : snapshots.filter(f -> f.toString().endsWith(".snapshot")).toList()) {
                Files.delete(snapshot);
            }
        }

        log = PartitionLog.open(tempDir.resolve("compacted-0"), config, clock, 0L, false);
        assertThat(latest(log)).as("recovered, gaps and all").isEqualTo(expected);
        assertThat(log.producerState(42L)).as("rebuilt from the kept empty batch").isPresent();
        assertThat(log.producerState(42L).orElseThrow().lastSeq()).isEqualTo(2);
        appendAsProducer(42L, 3, "key-0");
        assertThat(latest(log)).isEqualTo(expected);
    }

    private void appendAsProducer(long producerId, int sequence, String... keys) {
        RecordBatchBuilder builder = RecordBatchBuilder.allocate(256, CompressionType.NONE)
                .producer(producerId, (short) 0, sequence);
        for (String key : keys) {
            String value = "from-producer-" + producerId + "-" + sequence;
            builder.append(clock.millis(), key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
            expected.put(key, value);
        }
        builder.build();
        log.appendAsLeader(builder.buffer().flip(), 0);
    }

    static List<Path> segmentFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }

    static List<String> leftovers(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".cleaned") || n.endsWith(".swap") || n.endsWith(".deleted"))
                    .forEach(names::add);
        }
        return names;
    }
}
