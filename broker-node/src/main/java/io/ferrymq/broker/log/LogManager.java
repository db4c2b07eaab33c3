package io.ferrymq.broker.log;

import io.ferrymq.common.TopicPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All partition logs of a broker, spread over {@code log.dirs}. Each log dir holds
 * {@code <topic>-<partition>} directories, a {@code .lock} file held while open, the
 * {@code recovery-point-offset-checkpoint} and {@code replication-offset-checkpoint} (high
 * watermarks) files, and the clean-shutdown marker written by {@link #close()}. At open the
 * marker is consumed: without it every partition is recovered from its recovery point. Retention
 * and flushing run on the named threads of a {@link LogScheduler}.
 *
 * <p>Thread-safe: partitions are kept in a concurrent map; creation and deletion of one
 * partition are atomic; checkpoint writes are serialized per file.
 */
public final class LogManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogManager.class);

    private final LogConfig config;
    private final Clock clock;
    private final Map<TopicPartition, PartitionLog> logs = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> highWatermarks = new ConcurrentHashMap<>();
    private final Map<Path, FileChannel> dirLocks = new HashMap<>();
    private final LogScheduler scheduler;
    private volatile boolean closed;

    private LogManager(LogConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.scheduler = new LogScheduler(config, this);
    }

    /** Opens every partition under {@code log.dirs}, recovering after an unclean shutdown, and starts the background threads. */
    public static LogManager open(LogConfig config, Clock clock) {
        LogManager manager = new LogManager(config, clock);
        try {
            for (Path logDir : config.logDirs()) {
                manager.openLogDir(logDir);
            }
        } catch (RuntimeException e) {
            manager.releaseLocks();
            manager.logs.values().forEach(PartitionLog::close);
            throw e;
        }
        manager.scheduler.start();
        return manager;
    }

    private void openLogDir(Path logDir) {
        try {
            Files.createDirectories(logDir);
            lock(logDir);
            Path marker = logDir.resolve(LogFiles.CLEAN_SHUTDOWN_MARKER);
            boolean clean = Files.deleteIfExists(marker);
            Map<TopicPartition, Long> recoveryPoints = readCheckpoint(recoveryCheckpoint(logDir));
            highWatermarks.putAll(readCheckpoint(highWatermarkCheckpoint(logDir)));
            List<Path> dirs;
            try (Stream<Path> listing = Files.list(logDir)) {
                dirs = listing.filter(Files::isDirectory).sorted().toList();
            }
            for (Path dir : dirs) {
                Optional<TopicPartition> tp = LogFiles.parsePartitionDir(dir);
                if (tp.isEmpty()) {
                    continue;
                }
                PartitionLog log = PartitionLog.open(dir, config, clock, recoveryPoints.getOrDefault(tp.get(), 0L), clean);
                PartitionLog previous = logs.putIfAbsent(tp.get(), log);
                if (previous != null) {
                    log.close();
                    throw new IllegalStateException("partition " + tp.get() + " exists in both " + previous.dir()
                            + " and " + dir);
                }
            }
            LOG.info("Opened {} partition logs in {} ({} shutdown)", dirs.size(), logDir, clean ? "clean" : "unclean");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open log dir " + logDir, e);
        }
    }

    private void lock(Path logDir) throws IOException {
        FileChannel channel = FileChannel.open(logDir.resolve(LogFiles.LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("log dir " + logDir + " is in use by another broker (" + LogFiles.LOCK_FILE
                    + " is locked)");
        }
        dirLocks.put(logDir, channel);
    }

    private Map<TopicPartition, Long> readCheckpoint(OffsetCheckpointFile file) {
        try {
            return file.read();
        } catch (CorruptCheckpointException e) {
            LOG.warn("Ignoring corrupt checkpoint: {}", e.getMessage());
            return Map.of();
        }
    }

    private static OffsetCheckpointFile recoveryCheckpoint(Path logDir) {
        return new OffsetCheckpointFile(logDir.resolve(LogFiles.RECOVERY_POINT_CHECKPOINT));
    }

    private static OffsetCheckpointFile highWatermarkCheckpoint(Path logDir) {
        return new OffsetCheckpointFile(logDir.resolve(LogFiles.HIGH_WATERMARK_CHECKPOINT));
    }

    /** The partition's log, created (empty, in the log dir holding fewest partitions) if absent. */
    public PartitionLog getOrCreate(TopicPartition tp) {
        ensureOpen();
        return logs.computeIfAbsent(tp, p -> PartitionLog.open(LogFiles.partitionDir(leastLoadedDir(), p), config,
                clock, 0L, true));
    }

    public Optional<PartitionLog> get(TopicPartition tp) {
        return Optional.ofNullable(logs.get(tp));
    }

    public Collection<PartitionLog> all() {
        return List.copyOf(logs.values());
    }

    /** Closes and deletes the partition's directory; false when there was no such log. */
    public boolean delete(TopicPartition tp) {
        PartitionLog log = logs.remove(tp);
        highWatermarks.remove(tp);
        if (log == null) {
            return false;
        }
        log.closeAndDelete();
        return true;
    }

    /** Records high watermarks (merged with earlier ones) in each log dir's replication-offset-checkpoint. */
    public synchronized void checkpointHighWatermarks(Map<TopicPartition, Long> newHighWatermarks) {
        highWatermarks.putAll(newHighWatermarks);
        writePerDir(LogManager::highWatermarkCheckpoint, tp -> Optional.ofNullable(highWatermarks.get(tp)));
    }

    /** The high watermark checkpointed for the partition (at open or since). */
    public OptionalLong highWatermarkCheckpoint(TopicPartition tp) {
        Long hw = highWatermarks.get(tp);
        return hw == null ? OptionalLong.empty() : OptionalLong.of(hw);
    }

    /** Writes every partition's recovery point to its log dir's recovery-point-offset-checkpoint. */
    public synchronized void checkpointRecoveryPoints() {
        writePerDir(LogManager::recoveryCheckpoint,
                tp -> Optional.ofNullable(logs.get(tp)).map(PartitionLog::recoveryPoint));
    }

    private void writePerDir(java.util.function.Function<Path, OffsetCheckpointFile> fileOf,
                             java.util.function.Function<TopicPartition, Optional<Long>> valueOf) {
        for (Path logDir : config.logDirs()) {
            Map<TopicPartition, Long> entries = new HashMap<>();
            for (PartitionLog log : logs.values()) {
                if (log.dir().getParent().equals(logDir)) {
                    valueOf.apply(log.topicPartition()).ifPresent(v -> entries.put(log.topicPartition(), v));
                }
            }
            fileOf.apply(logDir).write(entries);
        }
    }

    /** One retention pass over every log (also run by the retention thread). */
    public void runRetention() {
        for (PartitionLog log : all()) {
            try {
                int deleted = log.deleteRetainedSegments();
                if (deleted > 0) {
                    LOG.info("Retention deleted {} segments of {}", deleted, log.topicPartition());
                }
            } catch (RuntimeException e) {
                LOG.error("Retention failed for {}", log.topicPartition(), e);
            }
        }
    }

    /** One flush pass over every log (also run by the flusher thread). */
    public void runFlush() {
        for (PartitionLog log : all()) {
            try {
                log.maybeFlush();
            } catch (RuntimeException e) {
                LOG.error("Flush failed for {}", log.topicPartition(), e);
            }
        }
    }

    /** Stops the background threads, closes every log, checkpoints, and writes the clean-shutdown markers. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // outside the monitor: the flusher thread may be waiting for it to write a checkpoint
        scheduler.close();
        logs.values().forEach(PartitionLog::close);
        checkpointRecoveryPoints();
        checkpointHighWatermarks(Map.of());
        for (Path logDir : config.logDirs()) {
            try {
                Files.createFile(logDir.resolve(LogFiles.CLEAN_SHUTDOWN_MARKER));
                CheckpointFile.fsyncDirectory(logDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the clean-shutdown marker in " + logDir, e);
            }
        }
        releaseLocks();
    }

    private void releaseLocks() {
        for (FileChannel channel : new ArrayList<>(dirLocks.values())) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("Cannot release a log dir lock", e);
            }
        }
        dirLocks.clear();
    }

    private Path leastLoadedDir() {
        Map<Path, Integer> counts = new HashMap<>();
        config.logDirs().forEach(d -> counts.put(d, 0));
        logs.values().forEach(l -> counts.merge(l.dir().getParent(), 1, Integer::sum));
        return config.logDirs().stream().min((a, b) -> Integer.compare(counts.get(a), counts.get(b))).orElseThrow();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("log manager is closed");
        }
    }
}
