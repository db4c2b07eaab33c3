package io.ferrymq.coordinator.election;

import io.ferrymq.common.ElectionType;
import io.ferrymq.common.protocol.Failures;
import static io.ferrymq.coordinator.metadata.PartitionState.NO_LEADER;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.metadata.PartitionStateConflictException;
import io.ferrymq.coordinator.metadata.Versioned;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LeaderElector} around its partition's latch ({@link LatchSeat}, {@link PartitionLatch}): the ZooKeeper
 * side of one replica's election, with every decision taken by its {@link ElectionPolicy}. It
 * learns changes of {@code state} from the broker's metadata cache ({@link #onStateChanged}, routed
 * by {@link LeaderElectionService}; it sets no watch of its own), keeps the newest it has seen
 * ({@link NewestState}), joins or leaves the latch as the policy says, and on winning the latch
 * reads {@code state} with its version and the registered brokers and writes the policy's elected
 * state in a transaction that also checks its latch node still exists ({@link ElectionZk#writeElected});
 * if not eligible, or the write loses, it leaves the latch. It steps down at once when the latch is
 * lost, the connection is SUSPENDED/LOST, or {@code state} shows another leader or epoch; after LOST
 * the latch is closed and a new one created on reconnect. The preferred-leader rebalance is
 * {@link PreferredLeaderRebalance}.
 *
 * <p>Thread-safety: all state is confined to the broker's election thread except what
 * {@link ElectionPolicy} publishes; public methods hand their work to that thread.
 */
final class ZkLeaderElector implements LeaderElector, LatchSeat.Owner, PreferredLeaderRebalance.Owner {

    private static final Logger log = LoggerFactory.getLogger(ZkLeaderElector.class);
    private static final Duration ELECTOR_CALL_TIMEOUT = Duration.ofSeconds(10);

    private final ElectorContext context;
    private final ElectionZk zk;
    private final TopicPartition partition;
    private volatile List<Integer> replicas;
    private final int self;
    private final ElectionPolicy policy;
    private final LatchSeat seat;
    private final PreferredLeaderRebalance rebalance;

    private final NewestState known = new NewestState();

    /** @param uncleanEnabled the topic's {@code unclean.leader.election.enable}, else the broker's */
    ZkLeaderElector(ElectorContext context, TopicPartition partition, List<Integer> replicas,
                         boolean uncleanEnabled) {
        this.context = context;
        this.zk = new ElectionZk(context.curator());
        this.partition = partition;
        this.replicas = List.copyOf(replicas);
        this.self = context.config().brokerId();
        this.policy = new ElectionPolicy(self, replicas, uncleanEnabled);
        this.seat = new LatchSeat(context, zk, partition, this);
        this.rebalance = new PreferredLeaderRebalance(context, zk, partition, policy, seat, this);
    }

    /**
     * Starts from the metadata cache's state of the partition when it has one, else reads it. The
     * caller takes {@code cached} after this elector can receive {@link #onStateChanged} calls, so no
     * change falls between the two.
     */
    void start(Optional<Versioned<PartitionState>> cached) {
        context.onThread(() -> cached.ifPresentOrElse(this::onStateChanged, this::refresh));
    }

    /** A state of the partition the broker's metadata cache saw; on the election thread. */
    void onStateChanged(Versioned<PartitionState> seen) {
        if (policy.phase() != ElectionPhase.CLOSED) {
            onState(seen);
        }
    }

    @Override
    public TopicPartition partition() {
        return partition;
    }

    @Override
    public List<Integer> replicas() {
        return replicas;
    }

    @Override
    public boolean isLeader() {
        return policy.isLeader();
    }

    @Override
    public int leaderEpoch() {
        return policy.epoch();
    }

    /**
     * Applies a changed assignment of the partition (a reassignment started, completed or was
     * cancelled; {@code replicas} still contains this broker): the join order and the preferred
     * replica follow it from now on.
     */
    void setReplicas(List<Integer> newReplicas) {
        context.onThread(() -> {
            if (!replicas.equals(newReplicas)) {
                replicas = List.copyOf(newReplicas);
                policy.setReplicas(newReplicas);
                refresh();
            }
        });
    }

    /**
     * Applies a changed {@code unclean.leader.election.enable} of the topic: on the election thread,
     * then looks at the state again, so a replica that just became eligible joins the latch.
     */
    void setUncleanLeaderElection(boolean enabled) {
        context.onThread(() -> {
            if (policy.isUncleanEnabled() != enabled) {
                policy.setUncleanEnabled(enabled);
                refresh();
            }
        });
    }

    @Override
    public void resign() {
        context.runAndWait(partition + ": resigning", this::resignOnThread, ELECTOR_CALL_TIMEOUT);
    }

    /** {@link #resign()} on the election thread. */
    void resignOnThread() {
        if (policy.resign()) {
            toldFollower("resigned (controlled shutdown)");
        }
        seat.leave();
    }

    @Override
    public void close() {
        context.runAndWait(partition + ": closing the elector", this::closeOnThread, ELECTOR_CALL_TIMEOUT);
    }

    /** {@link #close()} on the election thread. */
    void closeOnThread() {
        policy.close();
        seat.leave();
    }

    void onConnectionSuspended() {
        stepDown("ZooKeeper connection suspended");
        seat.onSuspended();
    }

    void onSessionLost() {
        stepDown("ZooKeeper session lost");
        leaveLatch();
    }

    void onReconnected(boolean newSession) {
        if (newSession) {
            stepDown("new ZooKeeper session");
            leaveLatch();
        } else {
            seat.onReconnected();
        }
        refresh();
    }

    /**
     * The periodic self-check ({@link LeaderElectionService#RECONCILE_INTERVAL}) for what a lost
     * watch would otherwise leave stuck for good: a replica neither in the latch nor waiting to join
     * it re-reads {@code state} (the metadata cache's watch that would have told it it is back in the
     * ISR may have been lost with a connection). Costs nothing for a replica in the latch; one read
     * per interval for one out of it.
     */
    void reconcile() {
        if (policy.phase().isFinal() || !zk.isConnected()) {
            return;
        }
        if (!seat.isJoined() && !seat.isPending()) {
            refresh();
        }
    }

    /** The partition's topic is gone (its deletion completed): reads {@code state}, which finds it gone. */
    void recheck() {
        refresh();
    }

    /** One round of the preferred-leader rebalance ({@link PreferredLeaderRebalance}). */
    void makeWayForPreferred() {
        rebalance.round();
    }

    /**
     * An on-demand election request for this partition ({@link OnDemandElections}), on the election
     * thread: preferred runs one rebalance round; unclean lets this replica lead from outside the
     * ISR once, if no ISR member is registered, and looks at the state again so it joins the latch.
     */
    void onElectionRequest(ElectionType type) {
        if (type == ElectionType.PREFERRED) {
            rebalance.round();
            return;
        }
        if (!policy.isLeader() && !policy.phase().isFinal()) {
            log.warn("{}: broker {} may be elected uncleanly once (on-demand unclean election)", partition, self);
            policy.allowUncleanOnce();
            refresh();
        }
    }

    /** The unclean election request went: the one-shot permission ends. On the election thread. */
    void disarmUnclean() {
        policy.disarmUnclean();
    }

    @Override
    public Optional<PartitionState> knownState() {
        return known.get().map(Versioned::value);
    }

    @Override
    public void makeWay(ElectionPolicy.Move move) {
        if (move == ElectionPolicy.Move.STEP_DOWN) {
            stepDown("preferred replica " + policy.preferred() + " is in the ISR and next in the latch");
        } else {
            log.info("{}: broker {} rejoins the latch behind the preferred replica {}", partition, self, policy.preferred());
        }
        leaveLatch();
        knownState().ifPresent(this::maybeJoinOrLeave);
    }

    void onBrokersChanged() {
        if (!policy.phase().isFinal() && !policy.isLeader()) {
            knownState().ifPresent(this::maybeJoinOrLeave);
        }
    }

    private void refresh() {
        if (policy.phase() == ElectionPhase.CLOSED || !zk.isConnected()) {
            return;
        }
        zk.readState(partition).whenCompleteAsync((read, error) -> {
            if (policy.phase() == ElectionPhase.CLOSED) {
                return;
            }
            if (error != null) {
                retryLater("reading state failed", Failures.unwrap(error));
            } else if (read.isEmpty()) {
                onPartitionGone();
            } else {
                onState(read.get());
            }
        }, context.executor());
    }

    private void onState(Versioned<PartitionState> versioned) {
        if (!known.offer(versioned)) {
            return;
        }
        PartitionState state = versioned.value();
        if (policy.isConfirmedBy(state)) {
            return;
        }
        if (policy.isLeader()) {
            stepDown("deposed: state now has leader " + state.leader() + " at epoch " + state.leaderEpoch());
            leaveLatch();
        }
        policy.follow(state).ifPresent(f -> context.listener().onBecomeFollower(partition, f.leaderId(), f.leaderEpoch()));
        maybeJoinOrLeave(state);
    }

    private void maybeJoinOrLeave(PartitionState state) {
        Set<Integer> live = context.registry().brokersServing(partition);
        if (policy.shouldBeInLatch(state, live)) {
            seat.join(policy.eligibleReplicasAhead(state, live));
            return;
        }
        if (seat.isJoined()) {
            log.info("{}: broker {} leaves the latch: not eligible (ISR {})", partition, self, state.isr());
        }
        seat.leave();
    }

    @Override
    public boolean mayJoin() {
        return knownState().map(state -> policy.isEligible(state, context.registry().brokersServing(partition))).orElse(false);
    }

    @Override
    public void onLatchLost(int generation) {
        if (policy.loseLatch()) {
            stepDown("latch leadership lost");
        }
    }

    @Override
    public void onJoinFailed(Exception cause) {
        policy.leftLatch();
        retryLater("the latch failed", cause);
    }

    @Override
    public void onLatchWon(int generation) {
        Optional<String> ourNode = seat.ourNode();
        if (ourNode.isEmpty() || !seat.leads(generation) || !policy.winLatch()) {
            return;
        }
        zk.readState(partition).thenCombine(zk.liveBrokerIds(), ElectionInputs::new)
                .whenCompleteAsync((inputs, error) -> {
                    if (!isCandidate(generation)) {
                        return;
                    }
                    if (error != null) {
                        leaveLatch();
                        retryLater("election read failed", Failures.unwrap(error));
                    } else if (inputs.state().isEmpty()) {
                        onPartitionGone();
                    } else {
                        tryToLead(generation, inputs.state().get(), inputs.live(), ourNode.get());
                    }
                }, context.executor());
    }

    /**
     * The registered brokers minus those whose registration reports their replica of this partition
     * offline (a failed log dir): the new leader's ISR keeps neither.
     */
    private Set<Integer> withoutOfflineReplicas(Set<Integer> registered) {
        Set<Integer> serving = new HashSet<>(registered);
        serving.removeIf(id -> context.registry().broker(id).map(b -> b.offline().isOffline(partition)).orElse(false));
        return serving;
    }

    private record ElectionInputs(Optional<Versioned<PartitionState>> state, Set<Integer> live) {
    }

    /** Still holds the latch it won as {@code generation}, and is electing with it. */
    private boolean isCandidate(int generation) {
        return policy.phase() == ElectionPhase.ELECTING && seat.leads(generation);
    }

    private void tryToLead(int generation, Versioned<PartitionState> read, Set<Integer> live, String ourNode) {
        PartitionState state = read.value();
        Optional<PartitionState> elected = policy.electedState(state, withoutOfflineReplicas(live));
        if (elected.isEmpty()) {
            log.info("{}: broker {} won the latch but is not in ISR {}; leaving", partition, self, state.isr());
            leaveLatch();
            known.offer(read);
            known.get().ifPresent(this::onState); // the newest seen, which the cache may have brought meanwhile
            return;
        }
        zk.writeElected(partition, ourNode, elected.get(), read.version()).whenCompleteAsync((written, error) -> {
            if (policy.phase() == ElectionPhase.CLOSED) {
                return;
            }
            Throwable cause = error == null ? null : Failures.unwrap(error);
            if (policy.isLeader() || cause == null && !isCandidate(generation)) {
                refresh();
            } else if (cause instanceof PartitionStateConflictException conflict) {
                log.info("{}: broker {} lost the election write, leaving the latch: {}", partition, self, conflict.getMessage());
                leaveLatch();
                refresh();
            } else if (cause != null) {
                leaveLatch();
                retryLater("election write failed", cause);
            } else {
                becomeLeader(written, state.isr());
            }
        }, context.executor());
    }

    private void becomeLeader(Versioned<PartitionState> written, List<Integer> previousIsr) {
        if (!known.offer(written)) {
            log.info("{}: broker {} won the election write but has already seen a newer state; leaving", partition, self);
            leaveLatch();
            refresh();
            return;
        }
        policy.becomeLeader(written.value());
        int epoch = policy.epoch();
        List<Integer> isr = written.value().isr();
        if (written.value().unclean()) {
            context.uncleanElections().incrementAndGet();
            log.warn("UNCLEAN leader election: broker {} leads {} at epoch {} from outside the ISR {}; "
                    + "messages acknowledged by the old ISR may be lost", self, partition, epoch, previousIsr);
        } else {
            log.info("{}: broker {} is leader at epoch {} with ISR {}", partition, self, epoch, isr);
        }
        context.listener().onBecomeLeader(partition, epoch, isr);
    }

    /** Steps down if leading (the replica stays queued in the latch); no-op otherwise. */
    private void stepDown(String reason) {
        if (policy.stepDown()) {
            toldFollower(reason);
        }
    }

    private void toldFollower(String reason) {
        log.info("{}: broker {} steps down at epoch {}: {}", partition, self, policy.epoch(), reason);
        context.listener().onBecomeFollower(partition, NO_LEADER, policy.epoch());
    }

    private void leaveLatch() {
        seat.leave();
        policy.leftLatch();
    }

    private void onPartitionGone() {
        known.forget();
        stepDown("partition deleted");
        leaveLatch();
    }

    private void retryLater(String what, Throwable cause) {
        log.warn("{}: {}; retrying in 1 s", partition, what, cause);
        context.executor().schedule(this::refresh, 1, TimeUnit.SECONDS);
    }

}
