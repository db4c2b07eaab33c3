package io.ferrymq.broker.log;

import io.ferrymq.broker.ThreadPools;
import io.ferrymq.broker.log.cleaner.CleanerConfig;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All partition logs of a broker, spread over {@code log.dirs}. Each log dir holds
 * {@code <topic>-<partition>} directories, a {@code .lock} file held while open, the
 * {@code recovery-point-offset-checkpoint} and {@code replication-offset-checkpoint} (high
 * watermarks) files, and the clean-shutdown marker written by {@link #close()}. At open the
 * marker is consumed: without it every partition is recovered from its recovery point. Retention
 * and flushing run on the named threads of a {@link LogScheduler}, compaction on those of the
 * {@link LogCleaner} (with the {@code cleaner-offset-checkpoint} of each log dir).
 *
 * <p>Log-dir failure (KIP-112): a disk error in any log operation reports the dir to the
 * {@link LogDirFailureChannel} ({@link #failureChannel()}); a dir that cannot be opened at start-up
 * starts offline when another dir opens. The failure handler then calls {@link #handleLogDirFailure},
 * which closes the dir's logs without writing to them and forgets them. An offline dir gets no new
 * partition, no checkpoint and no clean-shutdown marker; it comes back only after a restart.
 *
 * <p>Thread-safe: partitions are kept in a concurrent map; creation and deletion of one
 * partition are atomic; checkpoint writes are serialized per file.
 */
public final class LogManager implements AutoCloseable {

    /**
     * Old segments whose {@code .log} nobody read for this long give their descriptor back at the
     * next retention pass ({@link PartitionLog#releaseIdleSegments}), below the
     * {@link OpenSegmentFiles} cap; a slice still being sent reopens the file.
     */
    static final long IDLE_SEGMENT_RELEASE_MS = 5 * 60_000L;

    private static final Logger LOG = LoggerFactory.getLogger(LogManager.class);
    /** Logs closed at once at shutdown. */
    static final int CLOSE_THREADS = 8;

    private volatile LogConfig config;
    private final Clock clock;
    private final Map<TopicPartition, PartitionLog> logs = new ConcurrentHashMap<>();
    /** The dir each log being created goes to, counted with the open logs when the next one is placed. */
    private final Map<TopicPartition, Path> placing = new ConcurrentHashMap<>();
    private final Object placement = new Object();
    private final LogDirLocks locks = new LogDirLocks();
    private final LogDirFailureChannel failures = new LogDirFailureChannel();
    private final LogCheckpoints checkpoints = new LogCheckpoints(failures);
    private final LogScheduler scheduler;
    private final LogCleaner cleaner;
    private final OpenSegmentFiles openFiles;
    private volatile boolean closed;

    private LogManager(LogConfig config, CleanerConfig cleanerConfig, OpenSegmentFiles openFiles, Clock clock,
                       SwapProbe swapProbe) {
        this.config = config;
        this.openFiles = openFiles;
        this.clock = clock;
        this.scheduler = new LogScheduler(config, this);
        this.cleaner = new LogCleaner(cleanerConfig, this::allList, this::highWatermarkCheckpoint, clock, swapProbe);
    }

    private List<PartitionLog> allList() {
        return List.copyOf(logs.values());
    }

    /**
     * Opens every partition under {@code log.dirs}, recovering after an unclean shutdown, and starts
     * the background threads. A dir that fails with a disk error is left offline (reported to the
     * failure channel) as long as another dir opens.
     *
     * @throws UncheckedIOException when no dir could be opened
     * @throws IllegalStateException when a dir is locked by another broker, or a partition is in two dirs
     */
    public static LogManager open(LogConfig config, Clock clock) {
        return open(config, CleanerConfig.DEFAULT, clock);
    }

    /** {@link #open(LogConfig, Clock)} with the log cleaner's settings. */
    public static LogManager open(LogConfig config, CleanerConfig cleanerConfig, Clock clock) {
        return open(config, cleanerConfig, OpenSegmentFiles.DEFAULT_MAX_INACTIVE, clock);
    }

    /**
     * {@link #open(LogConfig, CleanerConfig, Clock)} with at most {@code openInactiveSegmentsMax}
     * open {@code .log} descriptors of inactive segments over all log dirs
     * ({@code log.open.inactive.segments.max}, see {@link OpenSegmentFiles}).
     */
    public static LogManager open(LogConfig config, CleanerConfig cleanerConfig, int openInactiveSegmentsMax,
                                  Clock clock) {
        return open(config, cleanerConfig, new OpenSegmentFiles(openInactiveSegmentsMax), clock, SwapProbe.NONE);
    }

    /** {@link #open(LogConfig, CleanerConfig, Clock)} with each swap step reported to {@code swapProbe} (tests). */
    static LogManager open(LogConfig config, CleanerConfig cleanerConfig, Clock clock, SwapProbe swapProbe) {
        return open(config, cleanerConfig, new OpenSegmentFiles(OpenSegmentFiles.DEFAULT_MAX_INACTIVE), clock,
                swapProbe);
    }

    private static LogManager open(LogConfig config, CleanerConfig cleanerConfig, OpenSegmentFiles openFiles,
                                  Clock clock, SwapProbe swapProbe) {
        LogManager manager = new LogManager(config, cleanerConfig, openFiles, clock, swapProbe);
        try {
            for (Path logDir : config.logDirs()) {
                manager.openOrTakeOffline(logDir);
            }
            if (manager.onlineLogDirs().isEmpty()) {
                throw new UncheckedIOException(new IOException("no log dir could be opened; offline: "
                        + manager.failures.offlineLogDirs()));
            }
        } catch (RuntimeException e) {
            manager.locks.releaseAll();
            manager.logs.values().forEach(PartitionLog::close);
            throw e;
        }
        manager.scheduler.start();
        manager.cleaner.start();
        return manager;
    }

    private void openOrTakeOffline(Path logDir) {
        try {
            openLogDir(logDir);
        } catch (UncheckedIOException e) {
            if (!LogDirFailureChannel.isStorageFailure(e)) {
                throw e;
            }
            locks.release(logDir);
            failures.maybeAddOfflineLogDir(logDir, "opening the log dir", e);
        }
    }

    private void openLogDir(Path logDir) {
        Map<TopicPartition, PartitionLog> opened = new HashMap<>();
        try {
            Files.createDirectories(logDir);
            locks.lock(logDir);
            boolean clean = Files.deleteIfExists(logDir.resolve(LogFiles.CLEAN_SHUTDOWN_MARKER));
            Map<TopicPartition, Long> recoveryPoints = checkpoints.load(logDir);
            cleaner.loadCheckpoint(logDir);
            for (Path dir : partitionDirs(logDir)) {
                Optional<TopicPartition> tp = LogFiles.parsePartitionDir(dir);
                if (tp.isPresent()) {
                    opened.put(tp.get(), PartitionLog.open(dir, config, clock, recoveryPoints.getOrDefault(tp.get(), 0L),
                            clean, openFiles));
                }
            }
            adopt(opened);
            LOG.info("Opened {} partition logs in {} ({} shutdown)", opened.size(), logDir, clean ? "clean" : "unclean");
        } catch (IOException | RuntimeException e) {
            opened.values().forEach(LogManager::closeQuietly);
            throw e instanceof IOException io ? new UncheckedIOException("cannot open log dir " + logDir, io)
                    : (RuntimeException) e;
        }
    }

    private static List<Path> partitionDirs(Path logDir) throws IOException {
        try (Stream<Path> listing = Files.list(logDir)) {
            return listing.filter(Files::isDirectory).sorted().toList();
        }
    }

    private void adopt(Map<TopicPartition, PartitionLog> opened) {
        for (Map.Entry<TopicPartition, PartitionLog> entry : opened.entrySet()) {
            PartitionLog previous = logs.putIfAbsent(entry.getKey(), entry.getValue());
            if (previous != null) {
                throw new IllegalStateException("partition " + entry.getKey() + " exists in both " + previous.dir()
                        + " and " + entry.getValue().dir());
            }
        }
    }

    /** Where disk errors of these logs are reported, and where the failure handler learns of them. */
    public LogDirFailureChannel failureChannel() {
        return failures;
    }

    /** The configured log dirs that are not offline, in configuration order. */
    public List<Path> onlineLogDirs() {
        return config.logDirs().stream().filter(d -> !failures.isOffline(d)).toList();
    }

    /** The configured log dirs that went offline, in configuration order. */
    public List<Path> offlineLogDirs() {
        return config.logDirs().stream().filter(failures::isOffline).toList();
    }

    /**
     * The partition's log, created (empty, in the online log dir holding fewest partitions) if absent.
     *
     * @throws io.ferrymq.common.errors.ApiException KAFKA_STORAGE_ERROR when no log dir is online
     * @throws UncheckedIOException when creating it fails (the dir is then offline)
     */
    public PartitionLog getOrCreate(TopicPartition tp) {
        return getOrCreate(tp, config);
    }

    /**
     * The partition's log, created with {@code logConfig} (the broker's settings merged with its
     * topic's overrides, {@link TopicLogConfig}) if absent; an existing log is returned as it is.
     */
    public PartitionLog getOrCreate(TopicPartition tp, LogConfig logConfig) {
        ensureOpen();
        PartitionLog existing = logs.get(tp);
        if (existing != null) {
            return existing;
        }
        try {
            return logs.computeIfAbsent(tp, p -> {
                Path logDir = placeNewLog(p);
                return failures.guard(logDir, "creating the log of " + p,
                        () -> PartitionLog.open(LogFiles.partitionDir(logDir, p), logConfig, clock, 0L, true,
                                openFiles));
            });
        } finally {
            placing.remove(tp); // only now that the log is in the map, where the next placement counts it
        }
    }

    /**
     * Reserves, in this order, the dir of each partition without a log, so that logs then created at
     * once (replicas are hosted several at a time) are placed as creating them in this order would.
     */
    public void placeNewLogs(List<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            if (!logs.containsKey(tp)) {
                placeNewLog(tp);
            }
        }
    }

    /**
     * The dir reserved for a new log, reserving the least loaded one if none was: logs of several
     * partitions are created at once, and each must see the others' choices.
     */
    private Path placeNewLog(TopicPartition tp) {
        synchronized (placement) {
            Path reserved = placing.get(tp);
            if (reserved != null && !failures.isOffline(reserved)) {
                return reserved;
            }
            Path logDir = leastLoadedDir().orElseThrow(() -> ErrorCode.KAFKA_STORAGE_ERROR.exception(
                    "cannot create the log of " + tp + ": every log dir is offline " + offlineLogDirs()));
            placing.put(tp, logDir);
            return logDir;
        }
    }

    /**
     * Replaces the broker's log settings (dynamic broker configs) for logs created from now on; live logs
     * are reconfigured by the caller. The directories and the scheduler intervals are fixed at start-up.
     */
    public void reconfigure(LogConfig updated) {
        if (!updated.logDirs().equals(config.logDirs())
                || updated.retentionCheckIntervalMs() != config.retentionCheckIntervalMs()
                || updated.flushSchedulerIntervalMs() != config.flushSchedulerIntervalMs()
                || updated.recoveryPointCheckpointIntervalMs() != config.recoveryPointCheckpointIntervalMs()) {
            throw new IllegalArgumentException("log dirs and scheduler intervals cannot change at run time");
        }
        config = updated;
    }

    /** The log cleaner, which compacts the logs whose cleanup.policy holds compact (its metrics are read here). */
    public LogCleaner cleaner() {
        return cleaner;
    }

    /** The broker's log settings, which every log runs with unless its topic overrides some. */
    public LogConfig config() {
        return config;
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
        checkpoints.forget(tp);
        cleaner.forget(tp);
        if (log == null) {
            return false;
        }
        failures.guardRun(log.dir().getParent(), "deleting the log of " + tp, log::closeAndDelete);
        return true;
    }

    /**
     * Closes the logs of an offline {@code logDir} without writing to them (their files may be
     * unwritable), forgets them and releases the dir's lock; returns their partitions.
     */
    public Set<TopicPartition> handleLogDirFailure(Path logDir) {
        Set<TopicPartition> closedHere = new TreeSet<>();
        for (PartitionLog log : all()) {
            if (log.dir().getParent().equals(logDir) && logs.remove(log.topicPartition(), log)) {
                checkpoints.forget(log.topicPartition());
                log.closeHandlesAfterFailure();
                closedHere.add(log.topicPartition());
            }
        }
        locks.release(logDir);
        LOG.error("Log dir {} is offline: closed the logs of {} partitions {}", logDir, closedHere.size(), closedHere);
        return closedHere;
    }

    /** Records high watermarks (merged with earlier ones) in each online log dir's replication-offset-checkpoint. */
    public void checkpointHighWatermarks(Map<TopicPartition, Long> newHighWatermarks) {
        checkpoints.writeHighWatermarks(newHighWatermarks, onlineLogDirs(), logs.values());
    }

    /** The high watermark checkpointed for the partition (at open or since). */
    public OptionalLong highWatermarkCheckpoint(TopicPartition tp) {
        return checkpoints.highWatermark(tp);
    }

    /** Writes every partition's recovery point to its online log dir's recovery-point-offset-checkpoint. */
    public void checkpointRecoveryPoints() {
        checkpoints.writeRecoveryPoints(onlineLogDirs(), logs.values());
    }

    /** The broker-wide cap on open inactive segment files, and how many are open now. */
    public OpenSegmentFiles openFiles() {
        return openFiles;
    }

    /** One retention pass over every log (also run by the retention thread); also closes idle old segments. */
    public void runRetention() {
        for (PartitionLog log : all()) {
            try {
                int deleted = failures.guard(log.dir().getParent(), "retention of " + log.topicPartition(),
                        log::deleteRetainedSegments);
                if (deleted > 0) {
                    LOG.info("Retention deleted {} segments of {}", deleted, log.topicPartition());
                }
                log.releaseIdleSegments(IDLE_SEGMENT_RELEASE_MS);
            } catch (RuntimeException e) {
                LOG.error("Retention failed for {}", log.topicPartition(), e);
            }
        }
    }

    /** One flush pass over every log (also run by the flusher thread). */
    public void runFlush() {
        // Every second over every log: no copy of the log map, and a log is named only if its flush fails.
        for (PartitionLog log : logs.values()) {
            try {
                failures.guardRun(() -> log.dir().getParent(), () -> "flushing " + log.topicPartition(),
                        log::maybeFlush);
            } catch (RuntimeException e) {
                LOG.error("Flush failed for {}", log.topicPartition(), e);
            }
        }
    }

    /**
     * Stops the background threads, closes every log, checkpoints, and writes the clean-shutdown
     * markers of the dirs that stayed online (an offline dir is recovered at its next start).
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // outside the monitor: the flusher thread may be waiting for it to write a checkpoint
        cleaner.close();
        scheduler.close();
        closeLogs();
        checkpointRecoveryPoints();
        checkpointHighWatermarks(Map.of());
        for (Path logDir : onlineLogDirs()) {
            try {
                failures.guardRun(logDir, "writing the clean-shutdown marker", () -> writeCleanShutdownMarker(logDir));
            } catch (UncheckedIOException e) {
                LOG.error("No clean-shutdown marker in {}: it is recovered at the next start", logDir, e);
            }
        }
        locks.releaseAll();
    }

    /**
     * Closes every log, {@value #CLOSE_THREADS} at a time: a close fsyncs what was written since the
     * last flush, and concurrent fsyncs share the file system's journal commits (one after the
     * other they made closing 10,000 logs take most of a minute).
     */
    private void closeLogs() {
        ExecutorService closers = ThreadPools.fixed(CLOSE_THREADS, "ferry-log-close", false);
        try {
            List<Future<?>> closing = new ArrayList<>();
            for (PartitionLog log : all()) {
                closing.add(closers.submit(() -> {
                    try {
                        failures.guardRun(log.dir().getParent(), "closing " + log.topicPartition(), log::close);
                    } catch (RuntimeException e) {
                        LOG.error("Closing the log of {} failed", log.topicPartition(), e);
                    }
                }));
            }
            for (Future<?> close : closing) {
                try {
                    close.get();
                } catch (ExecutionException e) {
                    LOG.error("Closing a log failed", e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while closing the logs; the rest are recovered at the next start");
        } finally {
            closers.shutdown();
        }
    }

    private static void writeCleanShutdownMarker(Path logDir) {
        try {
            Files.createFile(logDir.resolve(LogFiles.CLEAN_SHUTDOWN_MARKER));
            CheckpointFile.fsyncDirectory(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the clean-shutdown marker in " + logDir, e);
        }
    }

    private static void closeQuietly(PartitionLog log) {
        try {
            log.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing {} after a failed open failed too", log.topicPartition(), e);
        }
    }

    /**
     * The online log dir holding the fewest partitions. With one online dir there is nothing to
     * count: counting every log for every new partition made creating 10,000 partitions quadratic.
     */
    private Optional<Path> leastLoadedDir() {
        List<Path> online = onlineLogDirs();
        if (online.size() <= 1) {
            return online.stream().findFirst();
        }
        Map<Path, Integer> counts = new HashMap<>();
        online.forEach(d -> counts.put(d, 0));
        logs.values().forEach(l -> counts.computeIfPresent(l.dir().getParent(), (d, n) -> n + 1));
        placing.forEach((tp, d) -> {
            if (!logs.containsKey(tp)) { // created already and counted above; its reservation goes next
                counts.computeIfPresent(d, (k, n) -> n + 1);
            }
        });
        return online.stream().min(Comparator.comparingInt(counts::get));
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("log manager is closed");
        }
    }
}
