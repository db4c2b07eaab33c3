package io.ferrymq.broker.partition;

/**
 * What a leader knows about one follower: its log end offset as reported by its last fetch and
 * the last time it was caught up, with Kafka's {@code lastCaughtUpTimeMs} semantics. A follower is
 * caught up at time {@code t} when its fetch offset reaches the leader's log end offset at
 * {@code t}; a fetch that reaches the leader's log end offset as of the previous fetch proves the
 * follower was caught up at the time of that previous fetch. A log end offset of
 * {@link #UNKNOWN_OFFSET} means the follower has not fetched since this broker became leader, and
 * blocks the high watermark.
 *
 * <p>Immutable value; every update returns a new instance.
 */
public record ReplicaProgress(
        int brokerId,
        long logEndOffset,
        long lastCaughtUpTimeMs,
        long lastFetchLeaderLogEndOffset,
        long lastFetchTimeMs) {

    /** The log end offset of a follower that has not fetched from this leader yet. */
    public static final long UNKNOWN_OFFSET = -1L;

    /**
     * The state of a follower when this broker becomes leader: its offset is unknown; an in-sync
     * follower counts as caught up now (so it gets a full lag period), an out-of-sync one never.
     */
    public static ReplicaProgress onBecomeLeader(int brokerId, boolean inSync, long nowMs) {
        long caughtUp = inSync ? nowMs : 0L;
        return new ReplicaProgress(brokerId, UNKNOWN_OFFSET, caughtUp, UNKNOWN_OFFSET, 0L);
    }

    /**
     * The state after a fetch at {@code fetchOffset}, which tells the leader the follower has
     * every offset below it.
     *
     * @param leaderLogEndOffset the leader's log end offset when the fetch arrived
     */
    public ReplicaProgress onFetch(long fetchOffset, long leaderLogEndOffset, long nowMs) {
        long caughtUp = lastCaughtUpTimeMs;
        if (fetchOffset >= leaderLogEndOffset) {
            caughtUp = Math.max(caughtUp, nowMs);
        } else if (fetchOffset >= lastFetchLeaderLogEndOffset && lastFetchLeaderLogEndOffset >= 0) {
            caughtUp = Math.max(caughtUp, lastFetchTimeMs);
        }
        return new ReplicaProgress(brokerId, fetchOffset, caughtUp, leaderLogEndOffset, nowMs);
    }

    /**
     * The state after a fetch at {@code atMs} that did not name this partition: a fetch session leaves
     * out a partition nothing happened to, so the follower's offset and the leader's log end were still
     * those of the last recorded fetch. Recorded as that fetch again (Kafka reads and records every
     * session partition on each fetch); ignored before the first recorded fetch, or when not later than
     * the last one.
     */
    public ReplicaProgress onUnnamedFetch(long atMs) {
        if (logEndOffset == UNKNOWN_OFFSET || atMs <= lastFetchTimeMs) {
            return this;
        }
        return onFetch(logEndOffset, lastFetchLeaderLogEndOffset, atMs);
    }

    /** True if this follower is in step with a leader whose log ends at {@code leaderLogEndOffset}. */
    public boolean isCaughtUp(long leaderLogEndOffset, long nowMs, long maxLagMs) {
        return logEndOffset == leaderLogEndOffset || nowMs - lastCaughtUpTimeMs <= maxLagMs;
    }
}
