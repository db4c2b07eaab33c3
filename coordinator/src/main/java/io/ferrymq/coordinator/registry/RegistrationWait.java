package io.ferrymq.coordinator.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a starting broker does about an existing {@code /brokers/ids/<id>}: the pure rule behind
 * {@link ZkBrokerRegistry#register}. A registration held by another ZooKeeper session may be this
 * broker's own previous incarnation (killed, its session not yet expired) or a second live broker
 * with the same id; the two look alike, so the broker waits until the deadline — the session
 * timeout plus a margin after it started waiting — for the node to vanish, and only then refuses.
 *
 * <p>The margin covers ZooKeeper's expiry granularity: the server expires sessions in buckets of
 * {@code tickTime} (2 s by default), so a session lives up to one tick past its timeout.
 *
 * <p>Invariant: {@code deadline = start + sessionTimeout + margin}; the verdict is
 * {@link Verdict#REGISTER} whenever the node is absent or already this session's, whatever the
 * time. Immutable and thread-safe.
 */
public final class RegistrationWait {

    /** Slightly more than ZooKeeper's default {@code tickTime} of 2 s. */
    public static final Duration DEFAULT_MARGIN = Duration.ofSeconds(3);
    /** How often the registration is looked at while waiting. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    /** The three outcomes of one look at the registration node. */
    public enum Verdict {
        /** The node is absent or this session's: create (or keep) it. */
        REGISTER,
        /** Another session holds it and the deadline has not passed: look again later. */
        WAIT,
        /** Another session still holds it at the deadline: a second live broker has this id. */
        REFUSE
    }

    private final Instant start;
    private final Instant deadline;

    /**
     * @param start          when the broker first looked at the registration
     * @param sessionTimeout the ZooKeeper session timeout a previous incarnation had
     * @param margin         extra time for the server to notice the expiry (not negative)
     */
    public RegistrationWait(Instant start, Duration sessionTimeout, Duration margin) {
        Objects.requireNonNull(start, "start");
        if (sessionTimeout.isNegative() || sessionTimeout.isZero()) {
            throw new IllegalArgumentException("session timeout must be positive, was " + sessionTimeout.toMillis() + " ms");
        }
        if (margin.isNegative()) {
            throw new IllegalArgumentException("margin must not be negative, was " + margin.toMillis() + " ms");
        }
        this.start = start;
        this.deadline = start.plus(sessionTimeout).plus(margin);
    }

    public Instant deadline() {
        return deadline;
    }

    /**
     * The verdict for one look at the node.
     *
     * @param owner       the ephemeral owner session of the node, empty when the node is absent
     * @param mySession   this broker's current session id
     * @param now         the time of the look
     */
    public Verdict verdict(OptionalLong owner, long mySession, Instant now) {
        if (owner.isEmpty() || owner.getAsLong() == mySession) {
            return Verdict.REGISTER;
        }
        return now.isBefore(deadline) ? Verdict.WAIT : Verdict.REFUSE;
    }

    /** How long to sleep before the next look: the poll interval, never past the deadline. */
    public Duration nextPoll(Instant now) {
        Duration left = Duration.between(now, deadline);
        if (left.isNegative()) {
            return Duration.ZERO;
        }
        return left.compareTo(POLL_INTERVAL) < 0 ? left : POLL_INTERVAL;
    }

    /** How long the broker has waited by {@code now}. */
    public Duration waited(Instant now) {
        return Duration.between(start, now);
    }
}
