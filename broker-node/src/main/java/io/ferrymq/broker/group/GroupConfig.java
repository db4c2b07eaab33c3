package io.ferrymq.broker.group;

/**
 * Broker settings for group coordination, with Kafka's names: {@code group.min.session.timeout.ms},
 * {@code group.max.session.timeout.ms} (bounds a member's session timeout),
 * {@code group.initial.rebalance.delay.ms} (how long the first rebalance of an empty group waits
 * for more members), {@code offsets.retention.minutes} (as milliseconds: how long an empty group's
 * committed offsets are kept, {@link OffsetExpiry}) and {@code offsets.retention.check.interval.ms}
 * (how often expired offsets are looked for). Immutable and thread-safe.
 */
public record GroupConfig(int minSessionTimeoutMs, int maxSessionTimeoutMs, int initialRebalanceDelayMs,
                          long offsetsRetentionMs, long offsetsRetentionCheckIntervalMs) {

    /** Kafka's defaults: 7 days, looked for every 10 minutes. */
    public static final long DEFAULT_OFFSETS_RETENTION_MS = 7L * 24 * 60 * 60 * 1000;
    public static final long DEFAULT_OFFSETS_RETENTION_CHECK_INTERVAL_MS = 600_000L;

    public static final GroupConfig DEFAULT = new GroupConfig(6_000, 1_800_000, 3_000);

    public GroupConfig {
        if (minSessionTimeoutMs <= 0 || maxSessionTimeoutMs < minSessionTimeoutMs) {
            throw new IllegalArgumentException("group.min.session.timeout.ms (" + minSessionTimeoutMs
                    + ") must be > 0 and <= group.max.session.timeout.ms (" + maxSessionTimeoutMs + ")");
        }
        if (initialRebalanceDelayMs < 0) {
            throw new IllegalArgumentException("group.initial.rebalance.delay.ms must be >= 0, was "
                    + initialRebalanceDelayMs);
        }
        if (offsetsRetentionMs <= 0) {
            throw new IllegalArgumentException("offsets.retention.minutes must be > 0, was " + offsetsRetentionMs + " ms");
        }
        if (offsetsRetentionCheckIntervalMs <= 0) {
            throw new IllegalArgumentException("offsets.retention.check.interval.ms must be > 0, was "
                    + offsetsRetentionCheckIntervalMs);
        }
    }

    /** The membership settings with Kafka's default offset retention. */
    public GroupConfig(int minSessionTimeoutMs, int maxSessionTimeoutMs, int initialRebalanceDelayMs) {
        this(minSessionTimeoutMs, maxSessionTimeoutMs, initialRebalanceDelayMs, DEFAULT_OFFSETS_RETENTION_MS,
                DEFAULT_OFFSETS_RETENTION_CHECK_INTERVAL_MS);
    }
}
