package io.ferrymq.broker.log;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background threads of a {@link LogManager}: {@code ferry-log-retention} runs retention every
 * {@code log.retention.check.interval.ms}; {@code ferry-log-flusher} applies the flush policy every
 * {@code log.flush.scheduler.interval.ms} and checkpoints recovery points every
 * {@code log.flush.offset.checkpoint.interval.ms}. {@link #close()} stops and joins both.
 * Thread-safe.
 */
final class LogScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogScheduler.class);

    private final LogConfig config;
    private final LogManager manager;
    private final ScheduledExecutorService retention;
    private final ScheduledExecutorService flusher;

    LogScheduler(LogConfig config, LogManager manager) {
        this.config = config;
        this.manager = manager;
        this.retention = Executors.newSingleThreadScheduledExecutor(r -> named(r, "ferry-log-retention"));
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> named(r, "ferry-log-flusher"));
    }

    void start() {
        retention.scheduleWithFixedDelay(guarded(manager::runRetention), config.retentionCheckIntervalMs(),
                config.retentionCheckIntervalMs(), TimeUnit.MILLISECONDS);
        flusher.scheduleWithFixedDelay(guarded(manager::runFlush), config.flushSchedulerIntervalMs(),
                config.flushSchedulerIntervalMs(), TimeUnit.MILLISECONDS);
        flusher.scheduleWithFixedDelay(guarded(manager::checkpointRecoveryPoints),
                config.recoveryPointCheckpointIntervalMs(), config.recoveryPointCheckpointIntervalMs(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        // shutdown(), not shutdownNow(): interrupting a thread inside FileChannel I/O closes the channel.
        retention.shutdown();
        flusher.shutdown();
        try {
            if (!retention.awaitTermination(30, TimeUnit.SECONDS) || !flusher.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("Log background threads did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Log background task failed", e);
            }
        };
    }

    private static Thread named(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
