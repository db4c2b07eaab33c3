package io.ferrymq.broker.log.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.log.LogConfig;
import io.ferrymq.broker.log.LogFiles;
import io.ferrymq.broker.log.LogReadInfo;
import io.ferrymq.broker.log.MutableClock;
import io.ferrymq.broker.log.PartitionLog;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.Record;
import io.ferrymq.common.record.RecordBatchBuilder;
import io.ferrymq.common.record.RecordBatches;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kafka-style crash recovery: write 50-99 batches, damage the files as a crash could, reopen
 * without the clean-shutdown marker; the log keeps exactly the intact batches, every record reads
 * back equal, and appends continue at the right offset. Ten seeds per damage kind.
 */
class CrashRecoveryTest {

    @TempDir
    Path tempDir;

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);

    private record Written(List<byte[]> values, long lastBatchBase, int lastBatchPosition, long activeBase) {
    }

    private LogConfig config() {
        return LogConfig.defaults(tempDir).withSegmentBytes(64 * 1024).withIndex(512, 4096);
    }

    private Written write(PartitionLog log, Random random) {
        int batches = 50 + random.nextInt(50);
        List<byte[]> values = new ArrayList<>();
        long lastBase = 0;
        for (int b = 0; b < batches; b++) {
            RecordBatchBuilder builder = RecordBatchBuilder.allocate(1024,
                    random.nextInt(4) == 0 ? CompressionType.GZIP : CompressionType.NONE);
            int records = 1 + random.nextInt(10);
            for (int r = 0; r < records; r++) {
                byte[] value = new byte[random.nextInt(400)];
                random.nextBytes(value);
                values.add(value);
                builder.append(clock.millis() + values.size(), null, value);
            }
            builder.build();
            lastBase = log.appendAsLeader(builder.buffer().flip(), 3).firstOffset();
        }
        List<Long> bases = log.segmentBaseOffsets();
        long activeBase = bases.get(bases.size() - 1);
        int lastPosition = (int) (sizeOf(LogFiles.logFile(log.dir(), activeBase))
                - log.read(lastBase, Integer.MAX_VALUE, Long.MAX_VALUE, true).records().size());
        return new Written(values, lastBase, lastPosition, activeBase);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void cutInsideTheLastBatchLosesOnlyThatBatch(int seed) throws IOException {
        Random random = new Random(seed);
        Path dir = tempDir.resolve("cut-" + seed + "-0");
        PartitionLog log = PartitionLog.open(dir, config(), clock, 0L, true);
        Written written = write(log, random);
        log.close();
        Path segment = LogFiles.logFile(dir, written.activeBase());
        long size = Files.size(segment);
        int cut = written.lastBatchPosition() + 1 + random.nextInt((int) (size - written.lastBatchPosition() - 1));
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(cut);
        }
        assertRecoveredTo(dir, written, written.lastBatchBase(), random.nextBoolean() ? 0L : written.activeBase());
    }

    @ParameterizedTest
    @ValueSource(ints = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void randomBytesAfterTheSegmentAndItsIndexAreDropped(int seed) throws IOException {
        Random random = new Random(seed);
        Path dir = tempDir.resolve("garbage-" + seed + "-0");
        PartitionLog log = PartitionLog.open(dir, config(), clock, 0L, true);
        Written written = write(log, random);
        log.close();
        appendRandomBytes(LogFiles.logFile(dir, written.activeBase()), random);
        appendRandomBytes(LogFiles.indexFile(dir, written.activeBase()), random);
        assertRecoveredTo(dir, written, written.values().size(), random.nextBoolean() ? 0L : written.activeBase());
    }

    @ParameterizedTest
    @ValueSource(ints = {21, 22, 23, 24, 25, 26, 27, 28, 29, 30})
    void deletedIndexIsRebuilt(int seed) throws IOException {
        Random random = new Random(seed);
        Path dir = tempDir.resolve("noindex-" + seed + "-0");
        PartitionLog log = PartitionLog.open(dir, config(), clock, 0L, true);
        Written written = write(log, random);
        log.close();
        byte[] index = Files.readAllBytes(LogFiles.indexFile(dir, written.activeBase()));
        Files.delete(LogFiles.indexFile(dir, written.activeBase()));
        assertRecoveredTo(dir, written, written.values().size(), 0L);
        byte[] rebuilt = Files.readAllBytes(LogFiles.indexFile(dir, written.activeBase()));
        // the rebuilt index equals the original, plus at most one entry for the batch appended after recovery
        assertThat(Arrays.copyOf(rebuilt, index.length)).isEqualTo(index);
        assertThat(rebuilt.length - index.length).isIn(0, 8);
    }

    private void assertRecoveredTo(Path dir, Written written, long expectedEnd, long recoveryPoint) {
        PartitionLog log = PartitionLog.open(dir, config(), clock, recoveryPoint, false);
        try {
            assertThat(log.logEndOffset()).isEqualTo(expectedEnd);
            List<Record> records = readAll(log);
            assertThat(records).hasSize((int) expectedEnd);
            for (int i = 0; i < expectedEnd; i++) {
                assertThat(records.get(i).offset()).isEqualTo(i);
                assertThat(Arrays.equals(records.get(i).valueBytes().orElseThrow(), written.values().get(i)))
                        .as("value of offset %d", i).isTrue();
            }
            byte[] next = {1, 2, 3};
            long appended = log.appendAsLeader(RecordBatchBuilder.allocate(64, CompressionType.NONE)
                    .append(clock.millis(), null, next).build().buffer(), 4).firstOffset();
            assertThat(appended).isEqualTo(expectedEnd);
            assertThat(log.leaderEpochCache().latestEpoch()).hasValue(4);
            List<Record> after = readAll(log);
            assertThat(after.get(after.size() - 1).valueBytes().orElseThrow()).isEqualTo(next);
        } finally {
            log.close();
        }
    }

    private static List<Record> readAll(PartitionLog log) {
        List<Record> records = new ArrayList<>();
        long offset = log.logStartOffset();
        while (offset < log.logEndOffset()) {
            LogReadInfo info = log.read(offset, 16 * 1024, Long.MAX_VALUE, true);
            records.addAll(RecordBatches.wrap(info.records().readFully()).records());
            offset = info.nextOffset();
        }
        return records;
    }

    private static void appendRandomBytes(Path file, Random random) throws IOException {
        byte[] garbage = new byte[1 + random.nextInt(1024)];
        random.nextBytes(garbage);
        Files.write(file, garbage, StandardOpenOption.APPEND);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
