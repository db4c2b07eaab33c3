package io.ferrymq.coordinator.election;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one broker's electors: its id, Kafka's {@code unclean.leader.election.enable} (the
 * default of topics that do not override it), how long at most a non-preferred replica waits for the
 * replicas ahead of it to join a latch before joining anyway (the wait ends as soon as they joined,
 * deregistered or left the ISR; see {@link ElectionPolicy#eligibleReplicasAhead}), and how long an on-demand election
 * request node lives at most (then any broker deletes it, so a requester that died leaves no
 * request, nor the unclean permission it gave, behind). Immutable.
 */
public record ElectionConfig(int brokerId, boolean uncleanLeaderElectionEnable, Duration preferredReplicaGrace,
                             Duration electionRequestExpiry) {

    /**
     * Long enough for brokers restarted together to register and join their latches (10,000 replicas
     * each): with 300 ms the first broker up led nearly every partition until the next rebalance.
     */
    public static final Duration DEFAULT_PREFERRED_REPLICA_GRACE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_ELECTION_REQUEST_EXPIRY = Duration.ofMinutes(1);

    public ElectionConfig {
        Objects.requireNonNull(preferredReplicaGrace, "preferredReplicaGrace");
        Objects.requireNonNull(electionRequestExpiry, "electionRequestExpiry");
        if (electionRequestExpiry.isNegative() || electionRequestExpiry.isZero()) {
            throw new IllegalArgumentException("electionRequestExpiry must be positive");
        }
        if (brokerId < 0) {
            throw new IllegalArgumentException("broker.id must be >= 0, was " + brokerId);
        }
        if (preferredReplicaGrace.isNegative()) {
            throw new IllegalArgumentException("preferredReplicaGrace must not be negative");
        }
    }

    public ElectionConfig(int brokerId, boolean uncleanLeaderElectionEnable, Duration preferredReplicaGrace) {
        this(brokerId, uncleanLeaderElectionEnable, preferredReplicaGrace, DEFAULT_ELECTION_REQUEST_EXPIRY);
    }

    public static ElectionConfig of(int brokerId, boolean uncleanLeaderElectionEnable) {
        return new ElectionConfig(brokerId, uncleanLeaderElectionEnable, DEFAULT_PREFERRED_REPLICA_GRACE);
    }
}
