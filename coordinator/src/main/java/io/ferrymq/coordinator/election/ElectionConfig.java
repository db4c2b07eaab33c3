package io.ferrymq.coordinator.election;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one broker's electors: its id, Kafka's {@code unclean.leader.election.enable} (the
 * default of topics that do not override it), and how long a non-preferred replica waits for the
 * preferred replica to join a latch before joining anyway. Immutable.
 */
public record ElectionConfig(int brokerId, boolean uncleanLeaderElectionEnable, Duration preferredReplicaGrace) {

    public static final Duration DEFAULT_PREFERRED_REPLICA_GRACE = Duration.ofMillis(300);

    public ElectionConfig {
        Objects.requireNonNull(preferredReplicaGrace, "preferredReplicaGrace");
        if (brokerId < 0) {
            throw new IllegalArgumentException("broker.id must be >= 0, was " + brokerId);
        }
        if (preferredReplicaGrace.isNegative()) {
            throw new IllegalArgumentException("preferredReplicaGrace must not be negative");
        }
    }

    public static ElectionConfig of(int brokerId, boolean uncleanLeaderElectionEnable) {
        return new ElectionConfig(brokerId, uncleanLeaderElectionEnable, DEFAULT_PREFERRED_REPLICA_GRACE);
    }
}
