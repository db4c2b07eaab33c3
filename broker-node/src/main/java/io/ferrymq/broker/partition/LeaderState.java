package io.ferrymq.broker.partition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a partition knows only while it leads: its epoch and the offset where that epoch started,
 * the ISR as last written to ZooKeeper (the committed ISR), the ISR change being written, if any,
 * each follower's {@link ReplicaProgress}, and the assigned replicas (only those may join the ISR;
 * an ISR member no longer assigned, after a reassignment, is dropped by the next shrink).
 *
 * <p>Invariants: at most one ISR change is pending; while one is, no other is proposed and the high
 * watermark is computed over {@link IsrPolicy#maximalIsr} (so it never passes the log end of a
 * pending member); {@link #commitIsr} ends the pending change. Not thread-safe: owned by
 * {@link Partition} and used under its lock.
 */
final class LeaderState {

    private final int localBrokerId;
    private final int epoch;
    private final long epochStartOffset;
    private final Map<Integer, ReplicaProgress> followers = new HashMap<>();
    private Set<Integer> replicas;
    private Set<Integer> isr;
    private Optional<IsrChange> pendingIsrChange = Optional.empty();
    private boolean resigning;

    LeaderState(int localBrokerId, int epoch, long epochStartOffset, List<Integer> isr, List<Integer> replicas, long nowMs) {
        this.localBrokerId = localBrokerId;
        this.epoch = epoch;
        this.epochStartOffset = epochStartOffset;
        this.isr = new TreeSet<>(isr);
        this.isr.add(localBrokerId);
        this.replicas = Set.copyOf(replicas);
        for (int replica : replicas) {
            if (replica != localBrokerId) {
                followers.put(replica, ReplicaProgress.onBecomeLeader(replica, this.isr.contains(replica), nowMs));
            }
        }
    }

    /**
     * The partition's assignment changed (a reassignment): a new replica becomes a follower (out of
     * the ISR, progress unknown until it fetches); a replica no longer assigned may no longer join the
     * ISR, is dropped from it by the next shrink, and forgotten once outside it.
     */
    void updateReplicas(List<Integer> newReplicas, long nowMs) {
        this.replicas = Set.copyOf(newReplicas);
        for (int replica : newReplicas) {
            if (replica != localBrokerId) {
                followers.computeIfAbsent(replica, r -> ReplicaProgress.onBecomeLeader(r, isr.contains(r), nowMs));
            }
        }
        forgetUnassignedFollowers();
    }

    private void forgetUnassignedFollowers() {
        Set<Integer> keep = maximalIsr();
        followers.keySet().removeIf(r -> !replicas.contains(r) && !keep.contains(r));
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

    /** Uses {@code newIsr} as written to ZooKeeper; the pending change, if any, is resolved by it. */
    void commitIsr(List<Integer> newIsr) {
        this.isr = new TreeSet<>(newIsr);
        this.isr.add(localBrokerId);
        this.pendingIsrChange = Optional.empty();
        forgetUnassignedFollowers();
    }

    Optional<IsrChange> pendingIsrChange() {
        return pendingIsrChange;
    }

    /** The committed ISR plus the members of the pending change: whom the high watermark waits for. */
    Set<Integer> maximalIsr() {
        return IsrPolicy.maximalIsr(isr, pendingIsrChange);
    }

    Optional<ReplicaProgress> follower(int brokerId) {
        return Optional.ofNullable(followers.get(brokerId));
    }

    Map<Integer, ReplicaProgress> followers() {
        return followers;
    }

    /** Records a fetch, after the follower's last fetch that did not name the partition, if any. */
    void recordFetch(int followerId, long fetchOffset, long leaderLogEndOffset, long nowMs, long lastUnnamedFetchMs) {
        followers.computeIfPresent(followerId, (id, p) -> p.onUnnamedFetch(lastUnnamedFetchMs)
                .onFetch(fetchOffset, leaderLogEndOffset, nowMs));
    }

    /** The high watermark the maximal ISR supports now (never below {@code current}). */
    long highWatermark(long current, long leaderLogEndOffset) {
        List<Long> offsets = new ArrayList<>();
        for (int replica : maximalIsr()) {
            if (replica != localBrokerId) {
                offsets.add(follower(replica).map(ReplicaProgress::logEndOffset).orElse(ReplicaProgress.UNKNOWN_OFFSET));
            }
        }
        return HighWatermarkPolicy.compute(current, leaderLogEndOffset, offsets);
    }

    /** True if every one of {@code replicas} but the leader has fetched up to {@code leaderLogEndOffset}. */
    boolean haveReplicated(Collection<Integer> replicas, long leaderLogEndOffset) {
        return replicas.stream().allMatch(r -> r == localBrokerId
                || follower(r).map(p -> p.logEndOffset() >= leaderLogEndOffset).orElse(false));
    }

    /** The followers to drop now, as the pending change; empty if none or another change is pending. */
    Optional<IsrChange> proposeShrink(IsrPolicy policy, long leaderLogEndOffset, Set<Integer> liveBrokers, long nowMs) {
        if (pendingIsrChange.isPresent()) {
            return Optional.empty();
        }
        Set<Integer> out = new TreeSet<>(policy.replicasToRemove(localBrokerId, isr, leaderLogEndOffset, followers,
                liveBrokers, nowMs));
        isr.stream().filter(r -> r != localBrokerId && !replicas.contains(r)).forEach(out::add);
        if (out.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> newIsr = isr.stream().filter(r -> !out.contains(r)).toList();
        return begin(new IsrChange(epoch, newIsr, out, Set.of()));
    }

    /** The followers to add now, as the pending change; empty if none or another change is pending. */
    Optional<IsrChange> proposeExpand(IsrPolicy policy, long highWatermark, Set<Integer> liveBrokers) {
        if (pendingIsrChange.isPresent()) {
            return Optional.empty();
        }
        Set<Integer> in = new TreeSet<>();
        for (ReplicaProgress progress : followers.values()) {
            if (replicas.contains(progress.brokerId())
                    && policy.mayJoinIsr(progress, isr, highWatermark, epochStartOffset, liveBrokers)) {
                in.add(progress.brokerId());
            }
        }
        if (in.isEmpty()) {
            return Optional.empty();
        }
        Set<Integer> newIsr = new TreeSet<>(isr);
        newIsr.addAll(in);
        return begin(new IsrChange(epoch, List.copyOf(newIsr), Set.of(), in));
    }

    private Optional<IsrChange> begin(IsrChange change) {
        pendingIsrChange = Optional.of(change);
        return pendingIsrChange;
    }
}
