package io.ferrymq.broker.group;

/**
 * Broker settings for group coordination, with Kafka's names: {@code group.min.session.timeout.ms},
 * {@code group.max.session.timeout.ms} (bounds a member's session timeout), and
 * {@code group.initial.rebalance.delay.ms} (how long the first rebalance of an empty group waits
 * for more members). Immutable and thread-safe.
 */
public record GroupConfig(int minSessionTimeoutMs, int maxSessionTimeoutMs, int initialRebalanceDelayMs) {

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
    }
}
