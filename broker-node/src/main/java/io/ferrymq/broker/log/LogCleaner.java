package io.ferrymq.broker.log;

import io.ferrymq.broker.log.cleaner.CleanableLog;
import io.ferrymq.broker.log.cleaner.CleanerConfig;
import io.ferrymq.broker.log.cleaner.OffsetMap;
import io.ferrymq.common.TopicPartition;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log cleaner of a broker (Kafka's {@code LogCleaner} and {@code LogCleanerManager}):
 * {@code log.cleaner.threads} named threads, each with its own {@link OffsetMap} of
 * {@code log.cleaner.dedupe.buffer.size / threads} bytes (allocated once the broker hosts a compacted
 * log), repeatedly
 * pick the dirtiest compacted log ({@link CleanableLog#filthiest}) that no other thread is cleaning and
 * clean it ({@link SegmentCleaner}); with nothing to clean they wait {@code log.cleaner.backoff.ms}. The
 * threads are never interrupted: an interrupt closes the file channels readers share.
 * A log's cleanable part ends at the first uncleanable offset: the active segment's base, the high
 * watermark (checkpointed, so never past what is committed) and the first segment younger than
 * {@code min.compaction.lag.ms}, whichever comes first. Where each log's dirty part begins is kept per
 * log dir in Kafka's {@code cleaner-offset-checkpoint}; each replica cleans on its own.
 *
 * <p>Thread-safe: the per-log state is in concurrent maps; a log is claimed by one thread at a time.
 */
public final class LogCleaner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogCleaner.class);
    private static final double LOAD_FACTOR = 0.9;

    private final CleanerConfig config;
    private final Supplier<List<PartitionLog>> logs;
    private final Function<TopicPartition, OptionalLong> highWatermarks;
    private final Clock clock;
    private final SwapProbe probe;
    private final Map<TopicPartition, Long> firstDirtyOffsets = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> tombstonesDueMs = new ConcurrentHashMap<>();
    private final Set<TopicPartition> inProgress = ConcurrentHashMap.newKeySet();
    private final Object checkpointLock = new Object();
    private final Object sleepLock = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private volatile double lastRecopyPercent;
    private volatile double maxDirtyPercent;
    private volatile long lastRunEndMs;

    LogCleaner(CleanerConfig config, Supplier<List<PartitionLog>> logs,
               Function<TopicPartition, OptionalLong> highWatermarks, Clock clock, SwapProbe probe) {
        this.config = config;
        this.logs = logs;
        this.highWatermarks = highWatermarks;
        this.clock = clock;
        this.probe = probe;
        this.lastRunEndMs = clock.millis();
    }

    /** Reads the {@code cleaner-offset-checkpoint} of {@code logDir} (at open, before the threads start). */
    void loadCheckpoint(Path logDir) {
        CheckpointFile.read(logDir.resolve(LogFiles.CLEANER_OFFSET_CHECKPOINT)).ifPresent(lines -> {
            for (String line : lines) {
                String[] fields = line.trim().split(" ");
                if (fields.length == 3) {
                    firstDirtyOffsets.put(new TopicPartition(fields[0], Integer.parseInt(fields[1])),
                            Long.parseLong(fields[2]));
                }
            }
        });
    }

    /** Drops what is known of a deleted log (its dirty-part start, its tombstones' horizon). */
    void forget(TopicPartition tp) {
        firstDirtyOffsets.remove(tp);
        tombstonesDueMs.remove(tp);
    }

    /** Starts the cleaner threads, unless {@code log.cleaner.enable=false}. */
    void start() {
        if (!config.enabled()) {
            LOG.info("The log cleaner is disabled (log.cleaner.enable=false): compacted topics are not compacted");
            return;
        }
        running = true;
        for (int i = 0; i < config.threads(); i++) {
            Thread thread = new Thread(this::run, "ferry-log-cleaner-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void run() {
        SegmentCleaner cleaner = null;
        while (running) {
            boolean cleaned = false;
            try {
                if (cleaner == null && logs.get().stream().anyMatch(l -> l.config().cleanup().compact())) {
                    cleaner = new SegmentCleaner(new OffsetMap(config.dedupeBufferPerThread(), LOAD_FACTOR), probe);
                }
                cleaned = cleaner != null && cleanFilthiest(cleaner);
            } catch (RuntimeException e) {
                LOG.error("Log cleaning failed", e);
            }
            if (!cleaned) {
                backOff();
            }
        }
    }

    /** Waits {@code log.cleaner.backoff.ms} or until closed; never interrupts (that would close file channels). */
    private void backOff() {
        synchronized (sleepLock) {
            long deadline = System.nanoTime() + config.backoffMs() * 1_000_000L;
            long left;
            while (running && (left = deadline - System.nanoTime()) > 0) {
                try {
                    sleepLock.wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    /**
     * Cleans the dirtiest compacted log no other thread holds, once; false when none needs cleaning.
     * The cleaner threads call it in a loop; tests call it directly.
     */
    boolean cleanFilthiest(SegmentCleaner cleaner) {
        long now = clock.millis();
        Optional<CleanableLog<PartitionLog>> chosen = choose(now);
        if (chosen.isEmpty()) {
            return false;
        }
        PartitionLog log = chosen.get().log();
        try {
            long firstDirty = firstDirtyOffset(log);
            long uncleanable = firstUncleanableOffset(log, now);
            Optional<SegmentCleaner.Outcome> outcome = cleaner.clean(log, firstDirty, uncleanable, now);
            outcome.ifPresent(o -> recordOutcome(log, o, now));
            tombstonesDueMs.remove(log.topicPartition());
            outcome.filter(SegmentCleaner.Outcome::tombstonesKept).ifPresent(o ->
                    tombstonesDueMs.put(log.topicPartition(), now + log.config().cleanup().deleteRetentionMs()));
            return outcome.isPresent();
        } finally {
            inProgress.remove(log.topicPartition());
            lastRunEndMs = clock.millis();
        }
    }

    private synchronized Optional<CleanableLog<PartitionLog>> choose(long now) {
        List<CleanableLog<PartitionLog>> candidates = new ArrayList<>();
        double maxDirty = 0;
        for (PartitionLog log : logs.get()) {
            if (!log.config().cleanup().compact() || inProgress.contains(log.topicPartition())) {
                continue;
            }
            CleanableLog<PartitionLog> candidate = measure(log, now);
            maxDirty = Math.max(maxDirty, candidate.dirtyRatio());
            candidates.add(candidate);
        }
        maxDirtyPercent = 100 * maxDirty;
        Optional<CleanableLog<PartitionLog>> chosen = CleanableLog.filthiest(candidates);
        chosen.ifPresent(c -> inProgress.add(c.log().topicPartition()));
        return chosen;
    }

    private CleanableLog<PartitionLog> measure(PartitionLog log, long now) {
        long firstDirty = firstDirtyOffset(log);
        long uncleanable = firstUncleanableOffset(log, now);
        List<LogSegment> cleanable = SegmentCleaner.cleanableSegments(log, uncleanable);
        long clean = 0;
        long dirty = 0;
        for (LogSegment segment : cleanable) {
            if (log.nextSegmentBase(segment.baseOffset()) <= firstDirty) {
                clean += segment.sizeInBytes();
            } else {
                dirty += segment.sizeInBytes();
            }
        }
        Long due = tombstonesDueMs.get(log.topicPartition());
        return new CleanableLog<>(log, clean, dirty, log.config().cleanup().minCleanableDirtyRatio(),
                due != null && now >= due && !cleanable.isEmpty());
    }

    /** Where the log's dirty part begins: the checkpoint, or the log start when none or out of range. */
    long firstDirtyOffset(PartitionLog log) {
        long checkpoint = firstDirtyOffsets.getOrDefault(log.topicPartition(), log.logStartOffset());
        return checkpoint < log.logStartOffset() || checkpoint > log.logEndOffset() ? log.logStartOffset() : checkpoint;
    }

    /** The active segment's base, the high watermark or the first segment within min.compaction.lag.ms. */
    long firstUncleanableOffset(PartitionLog log, long now) {
        long bound = Math.min(log.activeBaseOffset(), highWatermarks.apply(log.topicPartition()).orElse(0L));
        long lagMs = log.config().cleanup().minCompactionLagMs();
        if (lagMs > 0) {
            for (LogSegment segment : log.inactiveSegments()) {
                if (now - segment.largestTimestamp() < lagMs) {
                    return Math.min(bound, segment.baseOffset());
                }
            }
        }
        return bound;
    }

    private void recordOutcome(PartitionLog log, SegmentCleaner.Outcome outcome, long now) {
        firstDirtyOffsets.put(log.topicPartition(), outcome.endOffset());
        lastRecopyPercent = outcome.bytesRead() == 0 ? 0 : 100.0 * outcome.bytesWritten() / outcome.bytesRead();
        LOG.info("Cleaned {}: {} segments replaced, {} bytes read, {} written, dirty part now begins at {}",
                log.topicPartition(), outcome.segmentsReplaced(), outcome.bytesRead(), outcome.bytesWritten(),
                outcome.endOffset());
        writeCheckpoint(log.dir().getParent());
    }

    private void writeCheckpoint(Path logDir) {
        synchronized (checkpointLock) {
            List<String> lines = new ArrayList<>();
            for (PartitionLog log : logs.get()) {
                Long offset = firstDirtyOffsets.get(log.topicPartition());
                if (offset != null && log.dir().getParent().equals(logDir)) {
                    lines.add(log.topicPartition().topic() + " " + log.topicPartition().partition() + " " + offset);
                }
            }
            CheckpointFile.write(logDir.resolve(LogFiles.CLEANER_OFFSET_CHECKPOINT), lines);
        }
    }

    /** Kafka's {@code cleaner-recopy-percent}: bytes written over bytes read by the last cleaning, in percent. */
    public double recopyPercent() {
        return lastRecopyPercent;
    }

    /** Kafka's {@code max-dirty-percent}: the highest dirty ratio seen at the last choice, in percent. */
    public double maxDirtyPercent() {
        return maxDirtyPercent;
    }

    /** Kafka's {@code time-since-last-run-ms}: since the last cleaning attempt ended (or the cleaner started). */
    public long timeSinceLastRunMs() {
        return clock.millis() - lastRunEndMs;
    }

    /** Stops the threads and waits for them (a cleaning in progress finishes or is discarded at the next open). */
    @Override
    public void close() {
        running = false;
        synchronized (sleepLock) {
            sleepLock.notifyAll();
        }
        for (Thread thread : threads) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
