package io.ferrymq.broker.log;

import io.ferrymq.common.record.TimestampType;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The {@code log.*} settings of a broker, with Kafka's names and defaults. Durations are in
 * milliseconds ({@code Ms} suffix); {@code -1} for a retention limit means unlimited;
 * {@link Long#MAX_VALUE} for a flush interval means "leave it to the OS" (the default, as in
 * Kafka: durability comes from replication). {@code flushIntervalMessages = 1} fsyncs every append.
 * Immutable.
 *
 * @param logDirs {@code log.dirs}: where partition directories live (made absolute and normalized: the
 *     form metrics and ZooKeeper report)
 * @param segmentBytes {@code log.segment.bytes}: roll when the active segment would exceed this
 * @param rollMs {@code log.roll.ms}: roll when the active segment is older than this
 * @param indexIntervalBytes {@code log.index.interval.bytes}: bytes of log between index entries
 * @param indexSizeMaxBytes {@code log.index.size.max.bytes}: roll when an index reaches this size
 * @param retentionMs {@code log.retention.ms}: delete segments whose newest record is older
 * @param retentionBytes {@code log.retention.bytes}: delete oldest segments while the log is larger
 * @param flushIntervalMessages {@code log.flush.interval.messages}: fsync after this many records
 * @param flushIntervalMs {@code log.flush.interval.ms}: fsync when the last flush is older than this
 * @param messageMaxBytes {@code message.max.bytes}: largest batch a leader accepts
 * @param retentionCheckIntervalMs {@code log.retention.check.interval.ms}
 * @param flushSchedulerIntervalMs {@code log.flush.scheduler.interval.ms}: how often the flusher looks
 * @param recoveryPointCheckpointIntervalMs {@code log.flush.offset.checkpoint.interval.ms}
 * @param messageMaxDecompressedBytes {@code message.max.decompressed.bytes}: most bytes a leader inflates
 *     while validating one compressed batch
 * @param producerIdExpirationMs {@code producer.id.expiration.ms}: how long a partition keeps an idle
 *     idempotent producer's state
 * @param messageTimestampType the topic's {@code message.timestamp.type}: {@code LOG_APPEND_TIME} makes
 *     the leader stamp every batch with its clock; brokers default to {@code CREATE_TIME}
 * @param cleanup {@code cleanup.policy} and the compaction settings of the log cleaner
 */
public record LogConfig(List<Path> logDirs, int segmentBytes, long rollMs, int indexIntervalBytes,
                        int indexSizeMaxBytes, long retentionMs, long retentionBytes, long flushIntervalMessages,
                        long flushIntervalMs, int messageMaxBytes, long retentionCheckIntervalMs,
                        long flushSchedulerIntervalMs, long recoveryPointCheckpointIntervalMs,
                        long messageMaxDecompressedBytes, long producerIdExpirationMs,
                        TimestampType messageTimestampType, CleanupConfig cleanup) {

    public static final int DEFAULT_SEGMENT_BYTES = 1024 * 1024 * 1024;
    public static final long DEFAULT_ROLL_MS = 7L * 24 * 60 * 60 * 1000;
    public static final int DEFAULT_INDEX_INTERVAL_BYTES = 4096;
    public static final int DEFAULT_INDEX_SIZE_MAX_BYTES = 10 * 1024 * 1024;
    public static final long DEFAULT_RETENTION_MS = 7L * 24 * 60 * 60 * 1000;
    public static final int DEFAULT_MESSAGE_MAX_BYTES = 1024 * 1024 + 12;
    public static final long DEFAULT_MESSAGE_MAX_DECOMPRESSED_BYTES = 64L * 1024 * 1024;
    public static final long DEFAULT_PRODUCER_ID_EXPIRATION_MS = 86_400_000L;

    public LogConfig {
        logDirs = logDirs.stream().map(Path::toAbsolutePath).map(Path::normalize).toList();
        if (logDirs.isEmpty()) {
            throw new IllegalArgumentException("log.dirs must name at least one directory");
        }
        requireAtLeast("log.segment.bytes", segmentBytes, 100);
        requireAtLeast("log.roll.ms", rollMs, 1);
        requireAtLeast("log.index.interval.bytes", indexIntervalBytes, 0);
        requireAtLeast("log.index.size.max.bytes", indexSizeMaxBytes, 16);
        requireAtLeast("log.retention.ms", retentionMs, -1);
        requireAtLeast("log.retention.bytes", retentionBytes, -1);
        requireAtLeast("log.flush.interval.messages", flushIntervalMessages, 1);
        requireAtLeast("log.flush.interval.ms", flushIntervalMs, 0);
        requireAtLeast("message.max.bytes", messageMaxBytes, 0);
        requireAtLeast("log.retention.check.interval.ms", retentionCheckIntervalMs, 1);
        requireAtLeast("log.flush.scheduler.interval.ms", flushSchedulerIntervalMs, 1);
        requireAtLeast("log.flush.offset.checkpoint.interval.ms", recoveryPointCheckpointIntervalMs, 1);
        requireAtLeast("message.max.decompressed.bytes", messageMaxDecompressedBytes, 1);
        requireAtLeast("producer.id.expiration.ms", producerIdExpirationMs, 1);
        Objects.requireNonNull(messageTimestampType, "messageTimestampType");
        Objects.requireNonNull(cleanup, "cleanup");
    }

    /** Kafka's defaults for everything but the directories. */
    public static LogConfig defaults(List<Path> logDirs) {
        return new LogConfig(logDirs, DEFAULT_SEGMENT_BYTES, DEFAULT_ROLL_MS, DEFAULT_INDEX_INTERVAL_BYTES,
                DEFAULT_INDEX_SIZE_MAX_BYTES, DEFAULT_RETENTION_MS, -1L, Long.MAX_VALUE, Long.MAX_VALUE,
                DEFAULT_MESSAGE_MAX_BYTES, 5 * 60 * 1000L, 1000L, 60_000L, DEFAULT_MESSAGE_MAX_DECOMPRESSED_BYTES,
                DEFAULT_PRODUCER_ID_EXPIRATION_MS, TimestampType.CREATE_TIME, CleanupConfig.DEFAULT);
    }

    public static LogConfig defaults(Path logDir) {
        return defaults(List.of(Objects.requireNonNull(logDir, "logDir")));
    }

    public LogConfig withSegmentBytes(int bytes) {
        return new LogConfig(logDirs, bytes, rollMs, indexIntervalBytes, indexSizeMaxBytes, retentionMs,
                retentionBytes, flushIntervalMessages, flushIntervalMs, messageMaxBytes, retentionCheckIntervalMs,
                flushSchedulerIntervalMs, recoveryPointCheckpointIntervalMs, messageMaxDecompressedBytes,
                producerIdExpirationMs, messageTimestampType, cleanup);
    }

    public LogConfig withRollMs(long ms) {
        return new LogConfig(logDirs, segmentBytes, ms, indexIntervalBytes, indexSizeMaxBytes, retentionMs,
                retentionBytes, flushIntervalMessages, flushIntervalMs, messageMaxBytes, retentionCheckIntervalMs,
                flushSchedulerIntervalMs, recoveryPointCheckpointIntervalMs, messageMaxDecompressedBytes,
                producerIdExpirationMs, messageTimestampType, cleanup);
    }

    public LogConfig withIndex(int intervalBytes, int sizeMaxBytes) {
        return new LogConfig(logDirs, segmentBytes, rollMs, intervalBytes, sizeMaxBytes, retentionMs,
                retentionBytes, flushIntervalMessages, flushIntervalMs, messageMaxBytes, retentionCheckIntervalMs,
                flushSchedulerIntervalMs, recoveryPointCheckpointIntervalMs, messageMaxDecompressedBytes,
                producerIdExpirationMs, messageTimestampType, cleanup);
    }

    public LogConfig withRetention(long ms, long bytes) {
        return new LogConfig(logDirs, segmentBytes, rollMs, indexIntervalBytes, indexSizeMaxBytes, ms,
                bytes, flushIntervalMessages, flushIntervalMs, messageMaxBytes, retentionCheckIntervalMs,
                flushSchedulerIntervalMs, recoveryPointCheckpointIntervalMs, messageMaxDecompressedBytes,
                producerIdExpirationMs, messageTimestampType, cleanup);
    }

    public LogConfig withFlush(long intervalMessages, long intervalMs) {
        return new LogConfig(logDirs, segmentBytes, rollMs, indexIntervalBytes, indexSizeMaxBytes, retentionMs,
                retentionBytes, intervalMessages, intervalMs, messageMaxBytes, retentionCheckIntervalMs,
                flushSchedulerIntervalMs, recoveryPointCheckpointIntervalMs, messageMaxDecompressedBytes,
                producerIdExpirationMs, messageTimestampType, cleanup);
    }

    public LogConfig withMessageMaxBytes(int bytes) {
        return new LogConfig(logDirs, segmentBytes, rollMs, indexIntervalBytes, indexSizeMaxBytes, retentionMs,
                retentionBytes, flushIntervalMessages, flushIntervalMs, bytes, retentionCheckIntervalMs,
                flushSchedulerIntervalMs, recoveryPointCheckpointIntervalMs, messageMaxDecompressedBytes,
                producerIdExpirationMs, messageTimestampType, cleanup);
    }

    public LogConfig withMessageMaxDecompressedBytes(long bytes) {
        return new LogConfig(logDirs, segmentBytes, rollMs, indexIntervalBytes, indexSizeMaxBytes, retentionMs,
                retentionBytes, flushIntervalMessages, flushIntervalMs, messageMaxBytes, retentionCheckIntervalMs,
                flushSchedulerIntervalMs, recoveryPointCheckpointIntervalMs, bytes, producerIdExpirationMs,
                messageTimestampType, cleanup);
    }

    public LogConfig withSchedulerIntervals(long retentionCheckMs, long flushSchedulerMs, long checkpointMs) {
        return new LogConfig(logDirs, segmentBytes, rollMs, indexIntervalBytes, indexSizeMaxBytes, retentionMs,
                retentionBytes, flushIntervalMessages, flushIntervalMs, messageMaxBytes, retentionCheckMs,
                flushSchedulerMs, checkpointMs, messageMaxDecompressedBytes, producerIdExpirationMs,
                messageTimestampType, cleanup);
    }

    public LogConfig withProducerIdExpirationMs(long ms) {
        return new LogConfig(logDirs, segmentBytes, rollMs, indexIntervalBytes, indexSizeMaxBytes, retentionMs,
                retentionBytes, flushIntervalMessages, flushIntervalMs, messageMaxBytes, retentionCheckIntervalMs,
                flushSchedulerIntervalMs, recoveryPointCheckpointIntervalMs, messageMaxDecompressedBytes, ms,
                messageTimestampType, cleanup);
    }

    public LogConfig withMessageTimestampType(TimestampType type) {
        return new LogConfig(logDirs, segmentBytes, rollMs, indexIntervalBytes, indexSizeMaxBytes, retentionMs,
                retentionBytes, flushIntervalMessages, flushIntervalMs, messageMaxBytes, retentionCheckIntervalMs,
                flushSchedulerIntervalMs, recoveryPointCheckpointIntervalMs, messageMaxDecompressedBytes,
                producerIdExpirationMs, type, cleanup);
    }

    public LogConfig withCleanup(CleanupConfig updated) {
        return new LogConfig(logDirs, segmentBytes, rollMs, indexIntervalBytes, indexSizeMaxBytes, retentionMs,
                retentionBytes, flushIntervalMessages, flushIntervalMs, messageMaxBytes, retentionCheckIntervalMs,
                flushSchedulerIntervalMs, recoveryPointCheckpointIntervalMs, messageMaxDecompressedBytes,
                producerIdExpirationMs, messageTimestampType, updated);
    }

    private static void requireAtLeast(String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be >= " + min + ", was " + value);
        }
    }
}
