package io.ferrymq.broker.partition;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a leader shrinks or expands its in-sync replica set (DESIGN.md, rules 4 and 9).
 * <ul>
 *   <li>Shrink: drop a follower at once when its broker registration is gone, or when it has not
 *       been caught up with the leader for more than {@code replica.lag.time.max.ms} (Kafka's
 *       last-caught-up-time rule, see {@link ReplicaProgress}).</li>
 *   <li>Expand: add an assigned, registered replica once its log end offset has reached both the
 *       high watermark and the start offset of the leader's current epoch (so it has fetched in
 *       this epoch and holds no divergent tail).</li>
 * </ul>
 * The leader itself is never removed. The policy only proposes; the caller writes the change with
 * a conditional ZooKeeper write before using it. While that write is in flight the change is
 * pending and the high watermark waits for the {@linkplain #maximalIsr maximal ISR}.
 *
 * <p>Immutable and thread-safe.
 */
public record IsrPolicy(long replicaLagTimeMaxMs) {

    public IsrPolicy {
        if (replicaLagTimeMaxMs <= 0) {
            throw new IllegalArgumentException("replica.lag.time.max.ms must be > 0, was " + replicaLagTimeMaxMs);
        }
    }

    /** The ISR members other than {@code leaderId} that must leave the ISR now; empty if none. */
    public Set<Integer> replicasToRemove(
            int leaderId, Set<Integer> isr, long leaderLogEndOffset,
            Map<Integer, ReplicaProgress> followers, Set<Integer> liveBrokers, long nowMs) {
        Set<Integer> out = new TreeSet<>();
        for (int replica : isr) {
            if (replica == leaderId) {
                continue;
            }
            ReplicaProgress progress = followers.get(replica);
            boolean lagging = progress == null
                    || !progress.isCaughtUp(leaderLogEndOffset, nowMs, replicaLagTimeMaxMs);
            if (!liveBrokers.contains(replica) || lagging) {
                out.add(replica);
            }
        }
        return out;
    }

    /** True if {@code progress} shows a replica outside the ISR that may join it now. */
    public boolean mayJoinIsr(
            ReplicaProgress progress, Set<Integer> isr, long highWatermark,
            long leaderEpochStartOffset, Set<Integer> liveBrokers) {
        return !isr.contains(progress.brokerId())
                && liveBrokers.contains(progress.brokerId())
                && progress.logEndOffset() != ReplicaProgress.UNKNOWN_OFFSET
                && progress.logEndOffset() >= highWatermark
                && progress.logEndOffset() >= leaderEpochStartOffset;
    }

    /**
     * The replicas the high watermark and acks=all wait for (KIP-497's maximal ISR): the committed ISR
     * plus every member of the pending change, if any. An expansion so counts its joiner from the
     * moment it is decided, and a shrink keeps its leavers until ZooKeeper holds the smaller set;
     * either way ZooKeeper can never name an ISR member whose log ends below the high watermark.
     * {@code min.insync.replicas} is checked against the committed ISR alone.
     */
    public static Set<Integer> maximalIsr(Set<Integer> committedIsr, Optional<IsrChange> pending) {
        Set<Integer> maximal = new TreeSet<>(committedIsr);
        pending.ifPresent(change -> maximal.addAll(change.newIsr()));
        return maximal;
    }
}
