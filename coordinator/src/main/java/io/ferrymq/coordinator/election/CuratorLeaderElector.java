package io.ferrymq.coordinator.election;

import static io.ferrymq.coordinator.metadata.PartitionState.NO_LEADER;

import io.ferrymq.client.common.TopicPartition;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.metadata.PartitionStateConflictException;
import io.ferrymq.coordinator.metadata.Versioned;
import io.ferrymq.coordinator.zk.CoordinatorException;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LeaderElector} around a Curator {@link LeaderLatch}, following DESIGN.md: the replica is
 * in the latch only while eligible (in the ISR recorded in {@code state}, or, with unclean election
 * enabled, when no ISR member is registered); the preferred replica joins at once, the others once
 * the latch has a participant or after a grace period. On winning the latch it reads {@code state}
 * with its version and writes {@code leader=self, leaderEpoch+1, isr minus unregistered brokers}
 * in a transaction that also checks its latch node still exists; if not eligible, or the write
 * loses, it leaves the latch. It steps down at once when the latch is lost, the connection is
 * SUSPENDED/LOST, or {@code state} shows another leader or epoch; after LOST the latch is closed
 * and a new one created on reconnect. A watch on {@code state} tells followers the leader and
 * epoch and triggers rejoining once eligible again.
 *
 * <p>Thread-safety: all fields except the two volatile ones are confined to the broker's election
 * thread; public methods hand their work to it.
 */
final class CuratorLeaderElector implements LeaderElector {

    private static final Logger log = LoggerFactory.getLogger(CuratorLeaderElector.class);

    private final ElectorContext context;
    private final ElectionZk zk;
    private final TopicPartition partition;
    private final List<Integer> replicas;
    private final int self;
    private final CuratorWatcher stateWatcher;
    private final CuratorWatcher latchWatcher;

    private LeaderLatch latch;
    private int latchGeneration;
    private Versioned<PartitionState> lastState;
    private int notifiedLeader = Integer.MIN_VALUE;
    private int notifiedEpoch = Integer.MIN_VALUE;
    private boolean joinPending;
    private int joinAhead;
    private boolean resigned;
    private boolean closed;
    private volatile boolean leader;
    private volatile int epoch = -1;

    CuratorLeaderElector(ElectorContext context, TopicPartition partition, List<Integer> replicas) {
        this.context = context;
        this.zk = new ElectionZk(context.curator());
        this.partition = partition;
        this.replicas = List.copyOf(replicas);
        this.self = context.config().brokerId();
        this.stateWatcher = event -> onWatch(event, this::refresh);
        this.latchWatcher = event -> onWatch(event, this::checkLatchParticipants);
    }

    void start() {
        onThread(this::refresh);
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
        return leader;
    }

    @Override
    public int leaderEpoch() {
        return epoch;
    }

    @Override
    public void resign() {
        runAndWait(() -> {
            resigned = true;
            joinPending = false;
            if (leader) {
                stepDown("resigned (controlled shutdown)");
            }
            closeLatch();
        });
    }

    @Override
    public void close() {
        runAndWait(() -> {
            closed = true;
            leader = false;
            joinPending = false;
            closeLatch();
        });
    }

    void onConnectionSuspended() {
        if (leader) {
            stepDown("ZooKeeper connection suspended");
        }
    }

    void onSessionLost() {
        if (leader) {
            stepDown("ZooKeeper session lost");
        }
        joinPending = false;
        closeLatch();
    }

    void onReconnected(boolean newSession) {
        if (newSession) {
            joinPending = false;
            closeLatch();
        }
        refresh();
    }

    void onBrokersChanged() {
        if (!closed && !leader && lastState != null) {
            maybeJoinOrLeave(lastState.value());
        }
    }

    private void refresh() {
        if (closed || !zk.isConnected()) {
            return;
        }
        zk.readState(partition, stateWatcher).whenCompleteAsync((read, error) -> {
            if (closed) {
                return;
            }
            if (error != null) {
                log.warn("{}: reading state failed; retrying in 1 s", partition, unwrap(error));
                context.executor().schedule(this::refresh, 1, TimeUnit.SECONDS);
            } else if (read.isEmpty()) {
                onPartitionGone();
            } else {
                onState(read.get());
            }
        }, context.executor());
    }

    private void onState(Versioned<PartitionState> versioned) {
        lastState = versioned;
        PartitionState state = versioned.value();
        if (leader) {
            if (state.leader() == self && state.leaderEpoch() == epoch) {
                return;
            }
            stepDown("deposed: state now has leader " + state.leader() + " at epoch " + state.leaderEpoch());
            closeLatch();
        }
        notifyFollower(state);
        maybeJoinOrLeave(state);
    }

    private void notifyFollower(PartitionState state) {
        int leaderId = state.leader() == self ? NO_LEADER : state.leader();
        if (leaderId == notifiedLeader && state.leaderEpoch() == notifiedEpoch) {
            return;
        }
        notifiedLeader = leaderId;
        notifiedEpoch = state.leaderEpoch();
        epoch = state.leaderEpoch();
        context.listener().onBecomeFollower(partition, leaderId, state.leaderEpoch());
    }

    private void maybeJoinOrLeave(PartitionState state) {
        if (!isEligible(state)) {
            joinPending = false;
            if (latch != null) {
                log.info("{}: broker {} leaves the latch: not in ISR {}", partition, self, state.isr());
                closeLatch();
            }
            return;
        }
        if (latch != null || joinPending) {
            return;
        }
        joinAhead = eligibleReplicasAhead(state);
        if (joinAhead == 0) {
            joinLatch();
            return;
        }
        joinPending = true;
        context.executor().schedule(this::onGraceExpired,
                context.config().preferredReplicaGrace().toMillis(), TimeUnit.MILLISECONDS);
        checkLatchParticipants();
    }

    /**
     * Replicas before this one in the assignment that can lead (in the ISR and registered): this one
     * joins once that many are in the latch, so leadership goes to replicas in preference order.
     */
    private int eligibleReplicasAhead(PartitionState state) {
        Set<Integer> live = context.registry().liveBrokerIds();
        int ahead = 0;
        for (int replica : replicas) {
            if (replica == self) {
                break;
            }
            if (state.isInIsr(replica) && live.contains(replica)) {
                ahead++;
            }
        }
        return ahead;
    }

    private boolean isEligible(PartitionState state) {
        if (closed || resigned) {
            return false;
        }
        if (state.isInIsr(self)) {
            return true;
        }
        Set<Integer> live = context.registry().liveBrokerIds();
        return context.config().uncleanLeaderElectionEnable() && state.isr().stream().noneMatch(live::contains);
    }

    private void checkLatchParticipants() {
        if (!joinPending || closed || !zk.isConnected()) {
            return;
        }
        zk.latchParticipants(partition, latchWatcher).whenCompleteAsync((participants, error) -> {
            if (error != null) {
                log.debug("{}: counting latch participants failed; the grace period still applies", partition, error);
            } else if (joinPending && participants >= joinAhead) {
                joinPending = false;
                joinLatch();
            }
        }, context.executor());
    }

    private void onGraceExpired() {
        if (joinPending) {
            joinPending = false;
            joinLatch();
        }
    }

    private void joinLatch() {
        if (latch != null || lastState == null || !isEligible(lastState.value())) {
            return;
        }
        int generation = ++latchGeneration;
        LeaderLatch created = new LeaderLatch(context.curator(), ZkPaths.latch(partition), String.valueOf(self),
                LeaderLatch.CloseMode.SILENT);
        created.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                if (generation == latchGeneration) {
                    onLatchLeader();
                }
            }

            @Override
            public void notLeader() {
                if (generation == latchGeneration && leader) {
                    stepDown("latch leadership lost");
                }
            }
        }, context.executor());
        try {
            created.start();
            latch = created;
        } catch (Exception e) {
            log.warn("{}: joining the latch failed; retrying in 1 s", partition, e);
            context.executor().schedule(this::refresh, 1, TimeUnit.SECONDS);
        }
    }

    private void onLatchLeader() {
        if (!isCandidate(latchGeneration) || latch.getOurPath() == null) {
            return;
        }
        int generation = latchGeneration;
        String ourNode = latch.getOurPath();
        zk.readState(partition, stateWatcher).thenCombine(zk.liveBrokerIds(), ElectionInputs::new)
                .whenCompleteAsync((inputs, error) -> {
                    if (!isCandidate(generation)) {
                        return;
                    }
                    if (error != null) {
                        leaveLatchAndRetry(unwrap(error));
                    } else if (inputs.state().isEmpty()) {
                        onPartitionGone();
                    } else {
                        tryToLead(generation, inputs.state().get(), inputs.live(), ourNode);
                    }
                }, context.executor());
    }

    private record ElectionInputs(Optional<Versioned<PartitionState>> state, Set<Integer> live) {
    }

    /** Still holds the latch it won with {@code generation}, and has not yet become leader with it. */
    private boolean isCandidate(int generation) {
        return !closed && !leader && generation == latchGeneration && latch != null && latch.hasLeadership();
    }

    private void tryToLead(int generation, Versioned<PartitionState> read, Set<Integer> live, String ourNode) {
        PartitionState state = read.value();
        boolean clean = state.isInIsr(self);
        boolean unclean = !clean && context.config().uncleanLeaderElectionEnable()
                && state.isr().stream().noneMatch(live::contains);
        if (!clean && !unclean) {
            log.info("{}: broker {} won the latch but is not in ISR {}; leaving", partition, self, state.isr());
            closeLatch();
            onState(read);
            return;
        }
        List<Integer> isr = unclean ? List.of(self)
                : state.isr().stream().filter(b -> b == self || live.contains(b)).toList();
        PartitionState elected = new PartitionState(self, state.leaderEpoch() + 1, isr, unclean);
        zk.writeElected(partition, ourNode, elected, read.version()).whenCompleteAsync((written, error) -> {
            if (closed) {
                return;
            }
            Throwable cause = error == null ? null : unwrap(error);
            if (cause instanceof PartitionStateConflictException conflict) {
                log.info("{}: broker {} lost the election write, leaving the latch: {}", partition, self, conflict.getMessage());
                closeLatch();
                refresh();
            } else if (cause != null) {
                leaveLatchAndRetry(cause);
            } else if (!isCandidate(generation)) {
                lastState = written;
                refresh();
            } else {
                becomeLeader(written, unclean, state.isr());
            }
        }, context.executor());
    }

    private void becomeLeader(Versioned<PartitionState> written, boolean unclean, List<Integer> previousIsr) {
        lastState = written;
        leader = true;
        epoch = written.value().leaderEpoch();
        notifiedLeader = self;
        notifiedEpoch = epoch;
        List<Integer> isr = written.value().isr();
        if (unclean) {
            context.uncleanElections().incrementAndGet();
            log.warn("UNCLEAN leader election: broker {} leads {} at epoch {} from outside the ISR {}; "
                    + "messages acknowledged by the old ISR may be lost", self, partition, epoch, previousIsr);
        } else {
            log.info("{}: broker {} is leader at epoch {} with ISR {}", partition, self, epoch, isr);
        }
        context.listener().onBecomeLeader(partition, epoch, isr);
    }

    private void leaveLatchAndRetry(Throwable cause) {
        log.warn("{}: election failed, leaving the latch; retrying in 1 s", partition, cause);
        closeLatch();
        context.executor().schedule(this::refresh, 1, TimeUnit.SECONDS);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
    }

    private void stepDown(String reason) {
        leader = false;
        notifiedLeader = NO_LEADER;
        notifiedEpoch = epoch;
        log.info("{}: broker {} steps down at epoch {}: {}", partition, self, epoch, reason);
        context.listener().onBecomeFollower(partition, NO_LEADER, epoch);
    }

    private void onPartitionGone() {
        if (leader) {
            stepDown("partition deleted");
        }
        joinPending = false;
        closeLatch();
    }

    private void closeLatch() {
        if (latch == null) {
            return;
        }
        latchGeneration++;
        LeaderLatch closing = latch;
        latch = null;
        try {
            closing.close();
        } catch (IOException | IllegalStateException e) {
            log.warn("{}: closing the latch failed", partition, e);
        }
    }

    private void onWatch(org.apache.zookeeper.WatchedEvent event, Runnable action) {
        if (event.getType() != Watcher.Event.EventType.None) {
            onThread(action);
        }
    }

    private void onThread(Runnable action) {
        try {
            context.executor().execute(action);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            log.debug("{}: election thread stopped; dropping an event", partition);
        }
    }

    private void runAndWait(Runnable action) {
        if (context.isElectionThread()) {
            action.run();
            return;
        }
        try {
            context.executor().submit(action).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            action.run();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new CoordinatorException(partition + ": elector operation failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CoordinatorException.wrap(partition + ": elector operation", e);
        }
    }
}
