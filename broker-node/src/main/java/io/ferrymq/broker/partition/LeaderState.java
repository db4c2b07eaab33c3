package io.ferrymq.broker.partition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a partition knows only while it leads: its epoch and the offset where that epoch started,
 * the ISR as last written to ZooKeeper, and each follower's {@link ReplicaProgress}.
 *
 * <p>Not thread-safe: owned by {@link Partition} and used under its lock.
 */
final class LeaderState {

    private final int localBrokerId;
    private final int epoch;
    private final long epochStartOffset;
    private final Map<Integer, ReplicaProgress> followers = new HashMap<>();
    private Set<Integer> isr;
    private boolean resigning;

    LeaderState(int localBrokerId, int epoch, long epochStartOffset, List<Integer> isr, List<Integer> replicas, long nowMs) {
        this.localBrokerId = localBrokerId;
        this.epoch = epoch;
        this.epochStartOffset = epochStartOffset;
        this.isr = new TreeSet<>(isr);
        this.isr.add(localBrokerId);
        for (int replica : replicas) {
            if (replica != localBrokerId) {
                followers.put(replica, ReplicaProgress.onBecomeLeader(replica, this.isr.contains(replica), nowMs));
            }
        }
    }

    boolean isResigning() {
        return resigning;
    }

    void beginResign() {
        resigning = true;
    }

    int epoch() {
        return epoch;
    }

    long epochStartOffset() {
        return epochStartOffset;
    }

    Set<Integer> isr() {
        return isr;
    }

    List<Integer> isrList() {
        return List.copyOf(isr);
    }

    void setIsr(List<Integer> newIsr) {
        this.isr = new TreeSet<>(newIsr);
        this.isr.add(localBrokerId);
    }

    Optional<ReplicaProgress> follower(int brokerId) {
        return Optional.ofNullable(followers.get(brokerId));
    }

    Map<Integer, ReplicaProgress> followers() {
        return followers;
    }

    void recordFetch(int followerId, long fetchOffset, long leaderLogEndOffset, long nowMs) {
        followers.computeIfPresent(followerId, (id, p) -> p.onFetch(fetchOffset, leaderLogEndOffset, nowMs));
    }

    /** The high watermark the ISR supports now (never below {@code current}). */
    long highWatermark(long current, long leaderLogEndOffset) {
        List<Long> offsets = new ArrayList<>();
        for (int replica : isr) {
            if (replica != localBrokerId) {
                offsets.add(follower(replica).map(ReplicaProgress::logEndOffset).orElse(ReplicaProgress.UNKNOWN_OFFSET));
            }
        }
        return HighWatermarkPolicy.compute(current, leaderLogEndOffset, offsets);
    }

    /** True if some other ISR member has everything the leader has. */
    boolean hasCaughtUpFollower(long leaderLogEndOffset) {
        return isr.stream().anyMatch(r -> r != localBrokerId
                && follower(r).map(p -> p.logEndOffset() >= leaderLogEndOffset).orElse(false));
    }

    Optional<IsrChange> proposeShrink(IsrPolicy policy, long leaderLogEndOffset, Set<Integer> liveBrokers, long nowMs) {
        Set<Integer> out = policy.replicasToRemove(localBrokerId, isr, leaderLogEndOffset, followers, liveBrokers, nowMs);
        if (out.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> newIsr = isr.stream().filter(r -> !out.contains(r)).toList();
        return Optional.of(new IsrChange(epoch, newIsr, out, Set.of()));
    }

    Optional<IsrChange> proposeExpand(IsrPolicy policy, long highWatermark, Set<Integer> liveBrokers) {
        Set<Integer> in = new TreeSet<>();
        for (ReplicaProgress progress : followers.values()) {
            if (policy.mayJoinIsr(progress, isr, highWatermark, epochStartOffset, liveBrokers)) {
                in.add(progress.brokerId());
            }
        }
        if (in.isEmpty()) {
            return Optional.empty();
        }
        Set<Integer> newIsr = new TreeSet<>(isr);
        newIsr.addAll(in);
        return Optional.of(new IsrChange(epoch, List.copyOf(newIsr), Set.of(), in));
    }
}
