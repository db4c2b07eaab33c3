package io.ferrymq.broker.log;

import static io.ferrymq.broker.log.TestBatches.batch;
import static io.ferrymq.broker.log.TestBatches.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.record.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many file descriptors a partition log holds, read from this process's {@code /proc/self/fd}:
 * none for indexes, one for the active segment, one for each old segment only while it is read.
 */
class SegmentDescriptorsTest {

    @TempDir
    Path tempDir;

    private final MutableClock clock = new MutableClock(1_000_000L);

    private LogConfig config() {
        return LogConfig.defaults(tempDir).withSegmentBytes(1024).withIndex(100, 1024);
    }

    @Test
    void indexesHoldNoDescriptorAndOnlyTheActiveSegmentIsOpenAfterReopen() throws IOException {
        Path dir = tempDir.resolve("t-0");
        PartitionLog log = PartitionLog.open(dir, config(), clock, 0L, true);
        for (int i = 0; i < 40; i++) {
            log.appendAsLeader(batch(i, 2, 10L * i, 100), 0);
        }
        int segments = segmentFiles(dir, LogFiles.LOG_SUFFIX).size();
        assertThat(segments).isGreaterThan(3);
        assertThat(openFiles(dir)).noneMatch(name -> name.endsWith(LogFiles.INDEX_SUFFIX) || name.endsWith(LogFiles.TIME_INDEX_SUFFIX));
        log.close();
        assertThat(openFiles(dir)).isEmpty();

        log = PartitionLog.open(dir, config(), clock, 0L, true);
        try {
            assertThat(openFiles(dir)).containsExactly(activeLogName(dir));
            assertThat(log.openSegmentFiles()).isOne();

            List<Record> all = readAll(log, 0);
            assertThat(all).hasSize(80);
            assertThat(all.get(79).offset()).isEqualTo(79);
            assertThat(openFiles(dir)).hasSize(segments).allMatch(name -> name.endsWith(LogFiles.LOG_SUFFIX));

            assertThat(log.releaseIdleSegments(60_000L)).isZero();
            assertThat(log.releaseIdleSegments(0L)).isEqualTo(segments - 1);
            assertThat(openFiles(dir)).containsExactly(activeLogName(dir));

            assertThat(readAll(log, 0)).extracting(Record::offset).containsExactlyElementsOf(
                    all.stream().map(Record::offset).toList());
            log.appendAsLeader(batch(99, 1, 5_000L, 10), 0);
            assertThat(log.logEndOffset()).isEqualTo(81);
        } finally {
            log.close();
        }
        assertThat(openFiles(dir)).isEmpty();
    }

    @Test
    void indexesWrittenWithoutAHeldDescriptorSurviveAnUncleanReopen() throws IOException {
        Path dir = tempDir.resolve("t-1");
        PartitionLog log = PartitionLog.open(dir, config(), clock, 0L, true);
        for (int i = 0; i < 40; i++) {
            log.appendAsLeader(batch(i, 2, 10L * i, 100), 0);
        }
        log.flush();
        List<Long> offsets = readAll(log, 0).stream().map(Record::offset).toList();
        log.closeHandlesAfterFailure();
        for (Path index : segmentFiles(dir, LogFiles.INDEX_SUFFIX)) {
            Files.write(index, new byte[] {1, 2, 3});
        }

        PartitionLog reopened = PartitionLog.open(dir, config(), clock, 0L, false);
        try {
            assertThat(reopened.logEndOffset()).isEqualTo(80);
            assertThat(readAll(reopened, 0)).extracting(Record::offset).containsExactlyElementsOf(offsets);
            assertThat(segmentFiles(dir, LogFiles.INDEX_SUFFIX)).allSatisfy(
                    index -> assertThat(Files.size(index) % 8).isZero());
            assertThat(openFiles(dir)).noneMatch(name -> name.endsWith(LogFiles.INDEX_SUFFIX) || name.endsWith(LogFiles.TIME_INDEX_SUFFIX));
        } finally {
            reopened.close();
        }
    }

    private static String activeLogName(Path dir) throws IOException {
        List<Path> logs = segmentFiles(dir, LogFiles.LOG_SUFFIX);
        return logs.get(logs.size() - 1).getFileName().toString();
    }

    private static List<Path> segmentFiles(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** Names of the files in {@code dir} that this process has open. */
    private static List<String> openFiles(Path dir) throws IOException {
        Path real = dir.toRealPath();
        List<String> names = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (real.equals(target.getParent())) {
                        names.add(target.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // the descriptor closed while listing (e.g. the listing's own)
                }
            }
        }
        return names;
    }
}
