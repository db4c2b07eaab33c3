package io.ferrymq.broker.log;

import static io.ferrymq.broker.log.TestBatches.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.TopicPartition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogManagerTest {

    @TempDir
    Path tempDir;

    private final MutableClock clock = new MutableClock(1_000_000L);
    private LogManager manager;

    private LogConfig config() {
        return LogConfig.defaults(List.of(tempDir.resolve("d1"), tempDir.resolve("d2"))).withSegmentBytes(1024);
    }

    @AfterEach
    void close() {
        if (manager != null) {
            manager.close();
        }
    }

    @Test
    void logsCreatedAtOnceSpreadEvenlyOverTheDirs() throws Exception {
        manager = LogManager.open(config(), clock);
        int partitions = 40;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<PartitionLog>> created = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                TopicPartition tp = new TopicPartition("spread", p);
                created.add(pool.submit(() -> {
                    start.await();
                    return manager.getOrCreate(tp);
                }));
            }
            start.countDown();
            Map<Path, Integer> perDir = new HashMap<>();
            for (Future<PartitionLog> log : created) {
                perDir.merge(log.get(30, TimeUnit.SECONDS).dir().getParent(), 1, Integer::sum);
            }
            assertThat(perDir).containsOnly(Map.entry(tempDir.resolve("d1"), partitions / 2),
                    Map.entry(tempDir.resolve("d2"), partitions / 2));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void logsPlacedInOrderLandAsIfCreatedInThatOrderWhateverOrderTheyAreCreatedIn() {
        manager = LogManager.open(config(), clock);
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            partitions.add(new TopicPartition("ordered", p));
        }
        manager.placeNewLogs(partitions);
        for (int p = 5; p >= 0; p--) {
            manager.getOrCreate(partitions.get(p));
        }
        for (int p = 0; p < 6; p++) {
            assertThat(manager.getOrCreate(partitions.get(p)).dir().getParent())
                    .isEqualTo(tempDir.resolve(p % 2 == 0 ? "d1" : "d2"));
        }
    }

    @Test
    void reopensEveryPartitionAfterACleanCloseWithCheckpoints() {
        manager = LogManager.open(config(), clock);
        TopicPartition a = new TopicPartition("orders", 0);
        TopicPartition b = new TopicPartition("orders-eu", 3);
        for (int i = 0; i < 20; i++) {
            manager.getOrCreate(a).appendAsLeader(batch(i, 2, 0L, 30), 0);
        }
        manager.getOrCreate(b).appendAsLeader(batch(1, 1, 0L, 5), 0);
        assertThat(manager.getOrCreate(a).dir().getParent()).isNotEqualTo(manager.getOrCreate(b).dir().getParent());
        manager.checkpointHighWatermarks(Map.of(a, 30L, b, 1L));
        manager.close();
        for (Path dir : config().logDirs()) {
            assertThat(dir.resolve(LogFiles.CLEAN_SHUTDOWN_MARKER)).exists();
            assertThat(dir.resolve(LogFiles.RECOVERY_POINT_CHECKPOINT)).exists();
        }

        manager = LogManager.open(config(), clock);
        assertThat(manager.all()).hasSize(2);
        assertThat(manager.get(a).orElseThrow().logEndOffset()).isEqualTo(40);
        assertThat(manager.get(a).orElseThrow().recoveryPoint()).isEqualTo(40);
        assertThat(manager.get(b).orElseThrow().logEndOffset()).isEqualTo(1);
        assertThat(manager.highWatermarkCheckpoint(a)).hasValue(30L);
        assertThat(manager.highWatermarkCheckpoint(new TopicPartition("x", 0))).isEmpty();
        for (Path dir : config().logDirs()) {
            assertThat(dir.resolve(LogFiles.CLEAN_SHUTDOWN_MARKER)).doesNotExist();
        }
    }

    @Test
    void missingMarkerMeansRecoveryOfTheTornTail() throws Exception {
        manager = LogManager.open(config(), clock);
        TopicPartition tp = new TopicPartition("t", 0);
        manager.getOrCreate(tp).appendAsLeader(batch(1, 3, 0L, 10), 0);
        PartitionLog log = manager.getOrCreate(tp);
        Path segment = LogFiles.logFile(log.dir(), 0);
        manager.close();
        Files.delete(log.dir().getParent().resolve(LogFiles.CLEAN_SHUTDOWN_MARKER));
        Files.write(segment, new byte[] {0, 0, 0, 0, 0, 0, 0, 3, 0, 0}, java.nio.file.StandardOpenOption.APPEND);

        manager = LogManager.open(config(), clock);
        assertThat(manager.get(tp).orElseThrow().logEndOffset()).isEqualTo(3);
        assertThat(Files.size(segment)).isEqualTo(batch(1, 3, 0L, 10).remaining());
    }

    @Test
    void deleteRemovesThePartitionDirectory() {
        manager = LogManager.open(config(), clock);
        TopicPartition tp = new TopicPartition("gone", 0);
        Path dir = manager.getOrCreate(tp).dir();
        assertThat(manager.delete(tp)).isTrue();
        assertThat(dir).doesNotExist();
        assertThat(manager.get(tp)).isEmpty();
        assertThat(manager.delete(tp)).isFalse();
    }

    @Test
    void aSecondManagerOnTheSameDirsIsRefused() {
        manager = LogManager.open(config(), clock);
        assertThatThrownBy(() -> LogManager.open(config(), clock)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in use");
    }

    @Test
    void retentionAndFlushRunOnTheBackgroundThreads() {
        LogConfig fast = config().withRetention(-1, 1).withSchedulerIntervals(20, 20, 20);
        manager = LogManager.open(fast, clock);
        PartitionLog log = manager.getOrCreate(new TopicPartition("r", 0));
        for (int i = 0; i < 20; i++) {
            log.appendAsLeader(batch(i, 2, 0L, 100), 0);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> log.segmentCount() == 1 && log.recoveryPoint() >= log.segmentBaseOffsets().get(0));
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .contains("ferry-log-retention", "ferry-log-flusher");
    }

    @Test
    void aDirThatCannotBeOpenedStartsOfflineWhenAnotherOpensAndGetsNoNewPartition() throws Exception {
        Files.writeString(tempDir.resolve("d2"), "a file where a log dir should be");

        manager = LogManager.open(config(), clock);

        assertThat(manager.offlineLogDirs()).containsExactly(tempDir.resolve("d2"));
        assertThat(manager.onlineLogDirs()).containsExactly(tempDir.resolve("d1"));
        assertThat(manager.failureChannel().pollNextOfflineLogDir(java.time.Duration.ZERO).orElseThrow().dir())
                .isEqualTo(tempDir.resolve("d2"));
        for (int p = 0; p < 3; p++) {
            assertThat(manager.getOrCreate(new TopicPartition("t", p)).dir().getParent()).isEqualTo(tempDir.resolve("d1"));
        }
    }

    @Test
    void openFailsWhenNoDirCanBeOpened() throws Exception {
        Files.writeString(tempDir.resolve("d1"), "x");
        Files.writeString(tempDir.resolve("d2"), "x");

        assertThatThrownBy(() -> LogManager.open(config(), clock)).isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("no log dir could be opened").hasMessageContaining("d2");
    }

    @Test
    void aFailedCheckpointWriteTakesOnlyThatDirOfflineAndItsLogsAreClosedAndForgotten() throws Exception {
        manager = LogManager.open(config(), clock);
        TopicPartition a = new TopicPartition("t", 0);
        TopicPartition b = new TopicPartition("t", 1);
        PartitionLog logA = manager.getOrCreate(a);
        manager.getOrCreate(b).appendAsLeader(batch(1, 1, 0L, 5), 0);
        Path failing = manager.getOrCreate(b).dir().getParent();
        Path moved = tempDir.resolve("moved");
        Files.move(failing, moved);
        Files.writeString(failing, "the disk is gone");

        manager.checkpointHighWatermarks(Map.of(a, 0L, b, 1L));

        assertThat(manager.offlineLogDirs()).containsExactly(failing);
        assertThat(manager.failureChannel().pollNextOfflineLogDir(java.time.Duration.ZERO)).isPresent();
        assertThat(manager.handleLogDirFailure(failing)).containsExactly(b);
        assertThat(manager.get(b)).isEmpty();
        assertThat(manager.get(a)).contains(logA);
        assertThat(manager.getOrCreate(new TopicPartition("t", 2)).dir().getParent()).isEqualTo(logA.dir().getParent());
        manager.close();
        manager = null;
        assertThat(logA.dir().getParent().resolve(LogFiles.CLEAN_SHUTDOWN_MARKER)).exists();
        assertThat(moved.resolve(LogFiles.CLEAN_SHUTDOWN_MARKER)).doesNotExist();
    }
}
