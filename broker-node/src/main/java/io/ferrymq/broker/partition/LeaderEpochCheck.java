package io.ferrymq.broker.partition;

import io.ferrymq.common.errors.ErrorCode;

/**
 * Fencing by leader epoch (DESIGN.md rule 6): a request naming an older epoch than the
 * partition's is answered {@code FENCED_LEADER_EPOCH}, a newer one {@code UNKNOWN_LEADER_EPOCH}
 * (this broker has not heard of it yet; retriable). A request without an epoch ({@link #NO_EPOCH})
 * is not checked, as in Kafka for old clients.
 *
 * <p>Pure function; thread-safe.
 */
public final class LeaderEpochCheck {

    /** The epoch a request carries when its sender does not know or care about epochs. */
    public static final int NO_EPOCH = -1;

    private LeaderEpochCheck() {
    }

    public static ErrorCode check(int requestEpoch, int partitionEpoch) {
        if (requestEpoch == NO_EPOCH || requestEpoch == partitionEpoch) {
            return ErrorCode.NONE;
        }
        return requestEpoch < partitionEpoch ? ErrorCode.FENCED_LEADER_EPOCH : ErrorCode.UNKNOWN_LEADER_EPOCH;
    }
}
