package io.ferrymq.coordinator.election;

import io.ferrymq.common.ElectionType;
import static io.ferrymq.coordinator.metadata.PartitionState.NO_LEADER;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.coordinator.metadata.PartitionState;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The election rules of one replica of one partition (DESIGN.md, "Leader election, epochs and
 * fencing" and "Latch mechanics"), apart from ZooKeeper: who may be in the latch, how many eligible
 * replicas are ahead of it in the assignment, what state a latch winner writes, which leader and
 * epoch the listener must hear about, and what the preferred-leader rebalance makes this replica
 * do given the latch order. It keeps the elector's {@link ElectionPhase} and checks every move.
 *
 * <p>Inputs are the partition {@code state} (leader, epoch, ISR), the registered brokers
 * ({@code live}) and the latch order; the assignment ({@code replicas}, preferred first) and this
 * broker's id are fixed; {@code unclean.leader.election.enable} (the topic's, else the broker's) may
 * change ({@link #setUncleanEnabled}). Invariants: {@code LEADING}
 * only after {@link #becomeLeader} with a state naming this broker; a leader leaves the latch only
 * after {@link #stepDown}; after {@code RESIGNED} or {@code CLOSED} it is never eligible again.
 *
 * <p>Thread-safety: changed only on the broker's election thread; {@link #phase}, {@link #isLeader}
 * and {@link #epoch} may be read from any thread.
 */
final class ElectionPolicy {

    /** The leader and epoch a follower is told about. */
    record Follow(int leaderId, int leaderEpoch) {
    }

    /** What the rebalance makes this replica do, given the latch order. */
    enum Move {
        /** Nothing to do in this round. */
        STAY,
        /** A follower ahead of the preferred replica leaves the latch and rejoins behind it. */
        REQUEUE,
        /** The leader, with the preferred replica next in the latch, steps down and rejoins. */
        STEP_DOWN,
        /** The leader sees followers between itself and the preferred replica: look again soon. */
        RECHECK
    }

    /** How many times a leader looks again at the latch order in one rebalance round. */
    static final int MAX_REBALANCE_RECHECKS = 5;

    private final int self;
    private volatile List<Integer> replicas;
    private boolean uncleanEnabled;
    private boolean uncleanOnce;
    private volatile ElectionPhase phase = ElectionPhase.IDLE;
    /** How many times {@link #shouldBeInLatch} queued this replica (IDLE to QUEUED). */
    private int queued;
    private volatile int epoch = -1;
    private Follow told = new Follow(Integer.MIN_VALUE, Integer.MIN_VALUE);

    ElectionPolicy(int self, List<Integer> replicas, boolean uncleanEnabled) {
        if (!replicas.contains(self)) {
            throw new IllegalArgumentException("broker " + self + " is not among the replicas " + replicas);
        }
        this.self = self;
        this.replicas = List.copyOf(replicas);
        this.uncleanEnabled = uncleanEnabled;
    }

    /** The partition's assignment changed (reassignment): the join order and preferred replica follow it. */
    void setReplicas(List<Integer> newReplicas) {
        if (!newReplicas.contains(self)) {
            throw new IllegalArgumentException("broker " + self + " is not among the replicas " + newReplicas);
        }
        this.replicas = List.copyOf(newReplicas);
    }

    /** The topic's {@code unclean.leader.election.enable} changed: eligibility follows it from now on. */
    void setUncleanEnabled(boolean enabled) {
        this.uncleanEnabled = enabled;
    }

    boolean isUncleanEnabled() {
        return uncleanEnabled;
    }

    /**
     * An on-demand unclean election ({@link ElectionType#UNCLEAN}): this replica may lead from outside
     * the ISR when no ISR member is registered, once. The permission ends when this replica wins or
     * when the request goes ({@link #disarmUnclean}); once another replica won, the new ISR is
     * registered and the permission grants nothing.
     */
    void allowUncleanOnce() {
        uncleanOnce = true;
    }

    void disarmUnclean() {
        uncleanOnce = false;
    }

    boolean isUncleanArmed() {
        return uncleanOnce;
    }

    ElectionPhase phase() {
        return phase;
    }

    boolean isLeader() {
        return phase == ElectionPhase.LEADING;
    }

    /** The epoch this replica last led or followed with; -1 before any. */
    int epoch() {
        return epoch;
    }

    int preferred() {
        return replicas.get(0);
    }

    /** In the ISR, or (unclean election enabled) no ISR member is registered; never once resigned or closed. */
    boolean isEligible(PartitionState state, Set<Integer> live) {
        return !phase.isFinal() && mayLead(state, live);
    }

    /**
     * The replicas before this one in the assignment that its join waits for (bounded by the grace
     * period): those in the ISR and registered ({@code live}). On the replica's first join (it was
     * just hosted: a new topic, or its broker started), when it is in the ISR itself, also those in
     * the ISR that are not in {@code live}: after a restart of every broker they may not have
     * registered yet, and a replica that joined before them would lead in their place until the next
     * preferred-leader rebalance. Later joins (a failover, a return to the ISR, a new session) and
     * unclean candidates never wait for unregistered ones.
     */
    int eligibleReplicasAhead(PartitionState state, Set<Integer> live) {
        boolean waitForUnregistered = queued <= 1 && state.isInIsr(self);
        int ahead = 0;
        for (int replica : replicas.subList(0, replicas.indexOf(self))) {
            if (state.isInIsr(replica) && (waitForUnregistered || live.contains(replica))) {
                ahead++;
            }
        }
        return ahead;
    }

    /** Whether {@code state} shows this leader at its own epoch (so nothing is to be done). */
    boolean isConfirmedBy(PartitionState state) {
        return isLeader() && state.leader() == self && state.leaderEpoch() == epoch;
    }

    /** The leader and epoch to tell the listener, if they differ from what it was last told. */
    Optional<Follow> follow(PartitionState state) {
        requireNot(ElectionPhase.LEADING, "follow");
        Follow follow = new Follow(state.leader() == self ? NO_LEADER : state.leader(), state.leaderEpoch());
        if (follow.equals(told)) {
            return Optional.empty();
        }
        told = follow;
        epoch = state.leaderEpoch();
        return Optional.of(follow);
    }

    /**
     * Whether to be in the latch for {@code state}: joins (IDLE to QUEUED) and returns true when
     * eligible, else moves to IDLE (the caller leaves the latch). A leader must step down first.
     */
    boolean shouldBeInLatch(PartitionState state, Set<Integer> live) {
        requireNot(ElectionPhase.LEADING, "decide on the latch");
        if (!isEligible(state, live)) {
            leftLatch();
            return false;
        }
        if (phase == ElectionPhase.IDLE) {
            moveTo(ElectionPhase.QUEUED);
            queued++;
        }
        return true;
    }

    /** The replica is out of the latch: IDLE unless resigned or closed. A leader must step down first. */
    void leftLatch() {
        requireNot(ElectionPhase.LEADING, "leave the latch");
        if (!phase.isFinal()) {
            moveTo(ElectionPhase.IDLE);
        }
    }

    /** The latch says this replica leads: QUEUED to ELECTING. False when it is not waiting for that. */
    boolean winLatch() {
        if (phase == ElectionPhase.QUEUED) {
            moveTo(ElectionPhase.ELECTING);
        }
        return phase == ElectionPhase.ELECTING;
    }

    /** The latch no longer says this replica leads: a candidate goes back to QUEUED; true when a leader must step down. */
    boolean loseLatch() {
        if (phase == ElectionPhase.ELECTING) {
            moveTo(ElectionPhase.QUEUED);
        }
        return isLeader();
    }

    /**
     * What a latch winner writes for {@code state} read at election time: {@code leader=self,
     * leaderEpoch+1}, the ISR minus unregistered brokers (clean), or {@code [self]} marked unclean;
     * empty when this replica may not lead.
     */
    Optional<PartitionState> electedState(PartitionState state, Set<Integer> live) {
        if (state.isInIsr(self)) {
            List<Integer> isr = state.isr().stream().filter(b -> b == self || live.contains(b)).toList();
            return Optional.of(new PartitionState(self, state.leaderEpoch() + 1, isr, false));
        }
        if (mayLead(state, live)) {
            return Optional.of(new PartitionState(self, state.leaderEpoch() + 1, List.of(self), true));
        }
        return Optional.empty();
    }

    /** The election write succeeded: ELECTING to LEADING at the written epoch. */
    void becomeLeader(PartitionState written) {
        if (written.leader() != self) {
            throw new IllegalArgumentException("broker " + self + " cannot lead with state " + written);
        }
        moveTo(ElectionPhase.LEADING);
        uncleanOnce = false;
        epoch = written.leaderEpoch();
        told = new Follow(self, epoch);
    }

    /** A leader steps down and stays queued in the latch; false (nothing done) when not leading. */
    boolean stepDown() {
        if (!isLeader()) {
            return false;
        }
        moveTo(ElectionPhase.QUEUED);
        told = new Follow(NO_LEADER, epoch);
        return true;
    }

    /** Controlled shutdown: RESIGNED for good; true when it was leading (the caller tells the listener). */
    boolean resign() {
        if (phase == ElectionPhase.CLOSED) {
            return false;
        }
        boolean wasLeader = isLeader();
        if (wasLeader) {
            told = new Follow(NO_LEADER, epoch);
        }
        moveTo(ElectionPhase.RESIGNED);
        return wasLeader;
    }

    void close() {
        moveTo(ElectionPhase.CLOSED);
    }

    /**
     * Whether a rebalance round should read the latch order: this replica is not the preferred
     * one, is in the latch and not done, and the preferred replica is registered and in the ISR.
     */
    boolean shouldMakeWayForPreferred(PartitionState state, Set<Integer> live, boolean inLatch) {
        int preferred = preferred();
        return preferred != self && inLatch && !phase.isFinal() && state.isInIsr(preferred) && live.contains(preferred);
    }

    /**
     * The rebalance move for the latch {@code order} (first leads), on look number {@code recheck}
     * (0 first): nothing unless the preferred replica is behind this one; a follower requeues behind
     * it unless it is first (it won the latch and is electing); the leader steps down only when the
     * preferred replica is next, otherwise looks again up to {@link #MAX_REBALANCE_RECHECKS} times.
     */
    Move moveFor(List<Integer> order, int recheck) {
        int ours = order.indexOf(self);
        int theirs = order.indexOf(preferred());
        if (ours < 0 || theirs < ours || phase.isFinal()) {
            return Move.STAY;
        }
        if (isLeader()) {
            if (theirs == ours + 1) {
                return Move.STEP_DOWN;
            }
            return recheck < MAX_REBALANCE_RECHECKS ? Move.RECHECK : Move.STAY;
        }
        return ours == 0 ? Move.STAY : Move.REQUEUE;
    }

    /**
     * Why an on-demand election of {@code type} is not run for a partition with {@code state},
     * assignment {@code replicas} (preferred first) and registered brokers {@code live}; empty when it
     * is to run. Preferred: {@code ELECTION_NOT_NEEDED} when the preferred replica leads,
     * {@code PREFERRED_LEADER_NOT_AVAILABLE} when it is not registered or not in the ISR. Unclean:
     * {@code ELECTION_NOT_NEEDED} when the partition has a registered leader (a dead leader stays
     * recorded in {@code state} until a successor writes), {@code ELIGIBLE_LEADERS_NOT_AVAILABLE}
     * when no assigned replica is registered.
     */
    static Optional<ElectionResult> refusal(ElectionType type, PartitionState state, List<Integer> replicas,
                                            Set<Integer> live) {
        int preferred = replicas.get(0);
        if (type == ElectionType.PREFERRED) {
            if (state.leader() == preferred && live.contains(preferred)) {
                return Optional.of(new ElectionResult(ErrorCode.ELECTION_NOT_NEEDED,
                        "the preferred replica " + preferred + " already leads"));
            }
            if (!live.contains(preferred) || !state.isInIsr(preferred)) {
                return Optional.of(new ElectionResult(ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE, "the preferred replica "
                        + preferred + " is " + (live.contains(preferred) ? "not in the ISR " + state.isr() : "not registered")));
            }
            return Optional.empty();
        }
        if (state.hasLeader() && live.contains(state.leader())) {
            return Optional.of(new ElectionResult(ErrorCode.ELECTION_NOT_NEEDED, "broker " + state.leader() + " leads"));
        }
        if (replicas.stream().noneMatch(live::contains)) {
            return Optional.of(new ElectionResult(ErrorCode.ELIGIBLE_LEADERS_NOT_AVAILABLE,
                    "no assigned replica of " + replicas + " is registered"));
        }
        return Optional.empty();
    }

    /**
     * Whether {@code state} shows the outcome an election of {@code type} asked for: the preferred
     * replica leads, or (unclean) a registered broker in {@code live} leads.
     */
    static boolean isElected(ElectionType type, PartitionState state, List<Integer> replicas, Set<Integer> live) {
        return type == ElectionType.PREFERRED ? state.leader() == replicas.get(0)
                : state.hasLeader() && live.contains(state.leader());
    }

    private boolean mayLead(PartitionState state, Set<Integer> live) {
        return state.isInIsr(self) || (uncleanEnabled || uncleanOnce) && state.isr().stream().noneMatch(live::contains);
    }

    private void requireNot(ElectionPhase current, String action) {
        if (phase == current) {
            throw new IllegalStateException("broker " + self + " cannot " + action + " while " + phase);
        }
    }

    private void moveTo(ElectionPhase next) {
        if (!phase.canMoveTo(next)) {
            throw new IllegalStateException("broker " + self + ": no move from " + phase + " to " + next);
        }
        phase = next;
    }
}
