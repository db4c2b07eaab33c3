package io.ferrymq.broker.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.log.cleaner.CleanerConfig;
import io.ferrymq.broker.log.cleaner.OffsetMap;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.RecordBatchBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash at each step of a cleaned segment's swap, simulated by copying the partition directory as it
 * is at that step (what a machine crash leaves on disk) and opening the copy after an unclean shutdown:
 * the swap is either discarded ({@code .cleaned}) or completed ({@code .swap}), nothing is lost, no
 * offset repeats, and no cleaner file is left behind.
 */
class CleanerSwapCrashTest {

    private static final long NOW = 10_000_000L;

    @TempDir
    Path tempDir;

    private final MutableClock clock = new MutableClock(NOW);

    @Test
    void aCrashAtAnySwapStepLosesNothingAndLeavesNoCleanerFile() throws IOException {
        LogConfig config = LogConfig.defaults(tempDir.resolve("live")).withSegmentBytes(2048).withIndex(128, 4096)
                .withCleanup(new CleanupConfig(true, true, 0.0, 60_000L, 0L));
        Path dir = tempDir.resolve("live").resolve("crashy-0");
        Map<String, String> expected = new LinkedHashMap<>();
        List<Path> images = new ArrayList<>();
        List<SwapProbe.Step> steps = new ArrayList<>();
        int recordsBefore;
        try (PartitionLog log = PartitionLog.open(dir, config, clock, 0L, true)) {
            for (int round = 0; round < 40; round++) {
                RecordBatchBuilder builder = RecordBatchBuilder.allocate(256, CompressionType.NONE);
                for (int k = 0; k < 8; k++) {
                    String value = "v" + round + "-" + k;
                    builder.append(clock.millis(), ("key-" + k).getBytes(StandardCharsets.UTF_8),
                            value.getBytes(StandardCharsets.UTF_8));
                    expected.put("key-" + k, value);
                }
                builder.build();
                log.appendAsLeader(builder.buffer().flip(), 0);
            }
            recordsBefore = TestBatches.readAll(log, 0).size();
            SwapProbe imaging = step -> {
                Path image = tempDir.resolve("image-" + images.size()).resolve("crashy-0");
                copy(dir, image);
                images.add(image);
                steps.add(step);
            };
            LogCleaner cleaner = new LogCleaner(CleanerConfig.DEFAULT, () -> List.of(log),
                    tp -> OptionalLong.of(log.logEndOffset()), clock, imaging);
            assertThat(cleaner.cleanFilthiest(new SegmentCleaner(new OffsetMap(24 * 1000, 0.9), imaging))).isTrue();
            assertThat(LogCleanerTest.latest(log)).isEqualTo(expected);
        }
        assertThat(steps).contains(SwapProbe.Step.CLEANED_WRITTEN, SwapProbe.Step.SWAP_RENAMED,
                SwapProbe.Step.OLD_SEGMENT_DELETED);
        for (int i = 0; i < images.size(); i++) {
            Path image = images.get(i);
            LogConfig imageConfig = config.withCleanup(config.cleanup());
            imageConfig = new LogConfig(List.of(image.getParent()), imageConfig.segmentBytes(), imageConfig.rollMs(),
                    imageConfig.indexIntervalBytes(), imageConfig.indexSizeMaxBytes(), imageConfig.retentionMs(),
                    imageConfig.retentionBytes(), imageConfig.flushIntervalMessages(), imageConfig.flushIntervalMs(),
                    imageConfig.messageMaxBytes(), imageConfig.retentionCheckIntervalMs(),
                    imageConfig.flushSchedulerIntervalMs(), imageConfig.recoveryPointCheckpointIntervalMs(),
                    imageConfig.messageMaxDecompressedBytes(), imageConfig.producerIdExpirationMs(),
                    imageConfig.messageTimestampType(), imageConfig.cleanup());
            try (PartitionLog reopened = PartitionLog.open(image, imageConfig, clock, 0L, false)) {
                assertThat(LogCleanerTest.latest(reopened)).as("crash at %s (image %d)", steps.get(i), i)
                        .isEqualTo(expected);
                assertThat(LogCleanerTest.leftovers(image)).as("crash at %s", steps.get(i)).isEmpty();
                int records = TestBatches.readAll(reopened, 0).size();
                if (i == 0) {
                    assertThat(records).as("the first cleaned segment was discarded").isEqualTo(recordsBefore);
                } else if (steps.get(i) != SwapProbe.Step.CLEANED_WRITTEN) {
                    assertThat(records).as("the swap was completed").isLessThan(recordsBefore);
                }
            }
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to);
            try (Stream<Path> files = Files.list(from)) {
                for (Path file : files.toList()) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
