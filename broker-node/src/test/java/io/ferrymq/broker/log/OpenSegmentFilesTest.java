package io.ferrymq.broker.log;

import static io.ferrymq.broker.log.TestBatches.batch;
import static io.ferrymq.broker.log.TestBatches.readAll;
import static io.ferrymq.broker.log.TestBatches.valueString;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.record.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker-wide cap on open inactive segment files, on real files: many partition logs sharing
 * one {@link OpenSegmentFiles}, every append rolling a segment, every segment read back; the
 * {@code .log} descriptors this process holds under the test dir (read from {@code /proc/self/fd})
 * never exceed one per partition plus the cap.
 */
class OpenSegmentFilesTest {

    private static final int PARTITIONS = 12;
    private static final int CAP = 4;

    @TempDir
    Path tempDir;

    private final MutableClock clock = new MutableClock(1_000_000L);
    private final List<PartitionLog> logs = new ArrayList<>();

    @AfterEach
    void closeLogs() {
        logs.forEach(PartitionLog::close);
    }

    private LogConfig config() {
        return LogConfig.defaults(tempDir).withSegmentBytes(300).withIndex(100, 1024);
    }

    private PartitionLog open(String name, OpenSegmentFiles openFiles) {
        PartitionLog log = PartitionLog.open(tempDir.resolve(name), config(), clock, 0L, true, openFiles);
        logs.add(log);
        return log;
    }

    @Test
    void openLogFilesNeverExceedOnePerPartitionPlusTheCapWhileRollingAndReadingBack() throws IOException {
        OpenSegmentFiles openFiles = new OpenSegmentFiles(CAP);
        List<PartitionLog> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(open("t-" + p, openFiles));
        }
        int mostOpen = 0;
        for (int round = 0; round < 8; round++) {
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.get(p).appendAsLeader(batch(round, 1, 10L * round, 150), 0);
                readAll(partitions.get(p), Math.max(0, round - 1));
                mostOpen = Math.max(mostOpen, openLogFiles());
                assertThat(openFiles.openInactive()).isLessThanOrEqualTo(CAP);
            }
        }
        assertThat(segmentCount()).as("every append rolled").isGreaterThanOrEqualTo(PARTITIONS * 7);
        for (int pass = 0; pass < 2; pass++) {
            for (PartitionLog log : partitions) {
                List<Record> all = readAll(log, 0);
                assertThat(all).extracting(Record::offset).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
                assertThat(valueString(all.get(7))).isEqualTo(valueString(readAll(log, 7).get(0)));
                mostOpen = Math.max(mostOpen, openLogFiles());
            }
        }
        assertThat(mostOpen).as("open .log files, at most %d active + %d inactive", PARTITIONS, CAP)
                .isLessThanOrEqualTo(PARTITIONS + CAP).isGreaterThan(PARTITIONS);
        assertThat(openFiles.openInactive()).isEqualTo(CAP);
        assertThat(openFilesUnder(name -> !name.endsWith(LogFiles.LOG_SUFFIX)))
                .as("indexes, checkpoints and directories are opened and closed in one step").isEmpty();
    }

    @Test
    void aRolledSegmentNobodyReadGivesItsDescriptorBackAtOnce() throws IOException {
        OpenSegmentFiles openFiles = new OpenSegmentFiles(CAP);
        PartitionLog log = open("t-0", openFiles);
        for (int i = 0; i < 5; i++) {
            log.appendAsLeader(batch(i, 1, 10L * i, 150), 0);
        }
        assertThat(log.openSegmentFiles()).isOne();
        assertThat(openFiles.openInactive()).isZero();
        assertThat(openLogFiles()).isOne();
    }

    @Test
    void aSegmentReadJustBeforeItRollsStaysOpenUnderTheCap() throws IOException {
        OpenSegmentFiles openFiles = new OpenSegmentFiles(CAP);
        PartitionLog log = open("t-0", openFiles);
        log.appendAsLeader(batch(0, 1, 0L, 150), 0);
        readAll(log, 0);
        log.appendAsLeader(batch(1, 1, 10L, 150), 0);
        assertThat(log.openSegmentFiles()).isEqualTo(2);
        assertThat(openFiles.openInactive()).isOne();
        assertThat(openLogFiles()).isEqualTo(2);
    }

    @Test
    void truncationBackToAnOldSegmentMakesItActiveAndOutOfTheCap() {
        OpenSegmentFiles openFiles = new OpenSegmentFiles(1);
        PartitionLog log = open("t-0", openFiles);
        PartitionLog other = open("t-1", openFiles);
        for (int i = 0; i < 4; i++) {
            log.appendAsLeader(batch(i, 1, 10L * i, 150), 0);
            other.appendAsLeader(batch(i, 1, 10L * i, 150), 0);
        }
        log.truncateTo(2);
        assertThat(readAll(log, 0)).extracting(Record::offset).containsExactly(0L, 1L);
        assertThat(log.openSegmentFiles()).as("old segment 0 and the new active segment 1").isEqualTo(2);

        assertThat(readAll(other, 0)).hasSize(4);

        assertThat(log.openSegmentFiles()).as("segment 0 evicted, the active one kept").isOne();
        assertThat(openFiles.openInactive()).isOne();
        log.appendAsLeader(batch(9, 1, 90L, 150), 0);
        assertThat(readAll(log, 0)).extracting(Record::offset).containsExactly(0L, 1L, 2L);
    }

    private int segmentCount() throws IOException {
        try (Stream<Path> files = Files.walk(tempDir)) {
            return (int) files.filter(f -> f.getFileName().toString().endsWith(LogFiles.LOG_SUFFIX)).count();
        }
    }

    /** How many {@code .log} files under the test dir this process has open. */
    private int openLogFiles() throws IOException {
        return openFilesUnder(name -> name.endsWith(LogFiles.LOG_SUFFIX)).size();
    }

    /** The files and directories under the test dir, with a name {@code matching}, that this process has open. */
    private List<Path> openFilesUnder(Predicate<String> matching) throws IOException {
        Path real = tempDir.toRealPath();
        List<Path> open = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (target.startsWith(real) && matching.test(target.getFileName().toString())) {
                        open.add(target);
                    }
                } catch (IOException gone) {
                    // the descriptor closed while listing (e.g. the listing's own)
                }
            }
        }
        return open;
    }
}
