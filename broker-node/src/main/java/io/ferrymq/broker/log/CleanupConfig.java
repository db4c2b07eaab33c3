package io.ferrymq.broker.log;

/**
 * What happens to a log's old data ({@code cleanup.policy} and the compaction settings, Kafka's names
 * and defaults): with {@code delete}, retention deletes old segments by {@code retention.ms} and
 * {@code retention.bytes}; with {@code compact}, the log cleaner keeps the latest record of every key.
 * Both may hold ({@code compact,delete}). Immutable.
 *
 * @param delete retention applies
 * @param compact the log cleaner compacts the log
 * @param minCleanableDirtyRatio {@code min.cleanable.dirty.ratio}: clean once dirty bytes are at least this
 *     share of cleanable bytes
 * @param deleteRetentionMs {@code delete.retention.ms}: how long a tombstone outlives its first cleaning
 * @param minCompactionLagMs {@code min.compaction.lag.ms}: segments whose newest record is younger stay dirty
 */
public record CleanupConfig(boolean delete, boolean compact, double minCleanableDirtyRatio, long deleteRetentionMs,
                            long minCompactionLagMs) {

    public static final double DEFAULT_MIN_CLEANABLE_DIRTY_RATIO = 0.5;
    public static final long DEFAULT_DELETE_RETENTION_MS = 86_400_000L;

    /** Kafka's broker defaults: {@code delete} only. */
    public static final CleanupConfig DEFAULT = new CleanupConfig(true, false, DEFAULT_MIN_CLEANABLE_DIRTY_RATIO,
            DEFAULT_DELETE_RETENTION_MS, 0L);

    public CleanupConfig {
        if (!delete && !compact) {
            throw new IllegalArgumentException("cleanup.policy must hold delete, compact or both");
        }
        if (!(minCleanableDirtyRatio >= 0 && minCleanableDirtyRatio <= 1)) {
            throw new IllegalArgumentException("min.cleanable.dirty.ratio must be in [0, 1], was "
                    + minCleanableDirtyRatio);
        }
        if (deleteRetentionMs < 0 || minCompactionLagMs < 0) {
            throw new IllegalArgumentException("delete.retention.ms and min.compaction.lag.ms must be >= 0, were "
                    + deleteRetentionMs + " and " + minCompactionLagMs);
        }
    }

    /** The policy parsed from {@code cleanup.policy}'s values ({@code delete}, {@code compact}). */
    public CleanupConfig withPolicy(java.util.List<String> policy) {
        return new CleanupConfig(policy.contains("delete"), policy.contains("compact"), minCleanableDirtyRatio,
                deleteRetentionMs, minCompactionLagMs);
    }
}
