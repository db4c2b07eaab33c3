package io.ferrymq.broker.log;

import io.ferrymq.common.TopicPartition;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-log-dir checkpoint files of the {@link LogManager}: {@code recovery-point-offset-checkpoint}
 * and {@code replication-offset-checkpoint} (high watermarks, merged over time and kept in memory
 * between writes). A write goes to every online dir; a dir whose write fails is reported to the
 * {@link LogDirFailureChannel} (and so goes offline) while the other dirs are still written.
 *
 * <p>Thread-safe: writes are serialized; the high-watermark map is concurrent.
 */
final class LogCheckpoints {

    private static final Logger LOG = LoggerFactory.getLogger(LogCheckpoints.class);

    private final Map<TopicPartition, Long> highWatermarks = new ConcurrentHashMap<>();
    private final LogDirFailureChannel failures;

    LogCheckpoints(LogDirFailureChannel failures) {
        this.failures = failures;
    }

    /** The recovery points checkpointed in {@code logDir}; remembers its high watermarks. */
    Map<TopicPartition, Long> load(Path logDir) {
        Map<TopicPartition, Long> recoveryPoints = read(recoveryFile(logDir));
        highWatermarks.putAll(read(highWatermarkFile(logDir)));
        return recoveryPoints;
    }

    private static Map<TopicPartition, Long> read(OffsetCheckpointFile file) {
        try {
            return file.read();
        } catch (CorruptCheckpointException e) {
            LOG.warn("Ignoring corrupt checkpoint: {}", e.getMessage());
            return Map.of();
        }
    }

    OptionalLong highWatermark(TopicPartition tp) {
        Long hw = highWatermarks.get(tp);
        return hw == null ? OptionalLong.empty() : OptionalLong.of(hw);
    }

    void forget(TopicPartition tp) {
        highWatermarks.remove(tp);
    }

    /** Merges {@code newHighWatermarks} and writes each online dir's high watermarks of {@code logs}. */
    synchronized void writeHighWatermarks(Map<TopicPartition, Long> newHighWatermarks, List<Path> onlineDirs,
                                          Collection<PartitionLog> logs) {
        highWatermarks.putAll(newHighWatermarks);
        writePerDir(LogCheckpoints::highWatermarkFile, onlineDirs, logs,
                log -> Optional.ofNullable(highWatermarks.get(log.topicPartition())));
    }

    /** Writes each online dir's recovery points of {@code logs}. */
    synchronized void writeRecoveryPoints(List<Path> onlineDirs, Collection<PartitionLog> logs) {
        writePerDir(LogCheckpoints::recoveryFile, onlineDirs, logs, log -> Optional.of(log.recoveryPoint()));
    }

    private void writePerDir(Function<Path, OffsetCheckpointFile> fileOf, List<Path> onlineDirs,
                             Collection<PartitionLog> logs, Function<PartitionLog, Optional<Long>> valueOf) {
        for (Path logDir : onlineDirs) {
            Map<TopicPartition, Long> entries = new HashMap<>();
            for (PartitionLog log : logs) {
                if (log.dir().getParent().equals(logDir)) {
                    valueOf.apply(log).ifPresent(v -> entries.put(log.topicPartition(), v));
                }
            }
            try {
                failures.guardRun(logDir, "writing a checkpoint", () -> fileOf.apply(logDir).write(entries));
            } catch (UncheckedIOException e) {
                LOG.error("Checkpoint write failed in {}", logDir, e);
            }
        }
    }

    private static OffsetCheckpointFile recoveryFile(Path logDir) {
        return new OffsetCheckpointFile(logDir.resolve(LogFiles.RECOVERY_POINT_CHECKPOINT));
    }

    private static OffsetCheckpointFile highWatermarkFile(Path logDir) {
        return new OffsetCheckpointFile(logDir.resolve(LogFiles.HIGH_WATERMARK_CHECKPOINT));
    }
}
