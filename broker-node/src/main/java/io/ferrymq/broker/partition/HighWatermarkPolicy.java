package io.ferrymq.broker.partition;

import java.util.Collection;

/**
 * The commit rule: the high watermark is the smallest log end offset among the replicas of the
 * maximal ISR ({@link IsrPolicy#maximalIsr}: the committed ISR plus the members of an ISR change
 * still being written), the leader included, and it never moves backwards while this broker stays
 * leader. A follower
 * whose log end offset is still unknown (it has not fetched from this leader yet) holds the high
 * watermark where it is, so a new leader never commits on stale knowledge of its followers.
 *
 * <p>Pure function; thread-safe.
 */
public final class HighWatermarkPolicy {

    private HighWatermarkPolicy() {
    }

    /**
     * The high watermark after a change of log end offsets or of the ISR.
     *
     * @param currentHighWatermark the leader's high watermark now
     * @param leaderLogEndOffset the leader's log end offset
     * @param inSyncFollowerLogEndOffsets the log end offsets of the maximal ISR's members other than
     *     the leader, {@link ReplicaProgress#UNKNOWN_OFFSET} for a follower not heard from yet
     * @return the new high watermark, never below {@code currentHighWatermark}
     */
    public static long compute(
            long currentHighWatermark, long leaderLogEndOffset, Collection<Long> inSyncFollowerLogEndOffsets) {
        long candidate = leaderLogEndOffset;
        for (long followerOffset : inSyncFollowerLogEndOffsets) {
            candidate = Math.min(candidate, followerOffset);
        }
        return Math.max(currentHighWatermark, candidate);
    }
}
