package io.ferrymq.coordinator.election;

import static io.ferrymq.coordinator.metadata.PartitionState.NO_LEADER;

import io.ferrymq.client.common.TopicPartition;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.metadata.PartitionStateConflictException;
import io.ferrymq.coordinator.metadata.Versioned;
import io.ferrymq.coordinator.zk.CoordinatorException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.api.CuratorWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LeaderElector} around a Curator {@code LeaderLatch} ({@link LatchSeat}), following
 * DESIGN.md: the replica is in the latch only while eligible (in the ISR recorded in {@code state},
 * or, with unclean election enabled, when no ISR member is registered). On winning the latch it
 * reads {@code state} with its version and the registered brokers, and writes {@code leader=self,
 * leaderEpoch+1, isr minus unregistered brokers} in a transaction that also checks its latch node
 * still exists ({@link ElectionZk#writeElected}); if not eligible, or the write loses, it leaves the
 * latch. It steps down at once when the latch is lost, the connection is SUSPENDED/LOST, or
 * {@code state} shows another leader or epoch; after LOST the latch is closed and a new one created
 * on reconnect. A watch on {@code state} tells followers the leader and epoch and triggers
 * rejoining once eligible again.
 *
 * <p>Thread-safety: all fields except the two volatile ones are confined to the broker's election
 * thread; public methods hand their work to it.
 */
final class CuratorLeaderElector implements LeaderElector, LatchSeat.Owner {

    private static final Logger log = LoggerFactory.getLogger(CuratorLeaderElector.class);
    private static final Duration REBALANCE_RECHECK = Duration.ofSeconds(1);
    private static final int MAX_REBALANCE_RECHECKS = 5;

    private final ElectorContext context;
    private final ElectionZk zk;
    private final TopicPartition partition;
    private final List<Integer> replicas;
    private final int self;
    private final CuratorWatcher stateWatcher;
    private final LatchSeat seat;

    private Versioned<PartitionState> lastState;
    private int notifiedLeader = Integer.MIN_VALUE;
    private int notifiedEpoch = Integer.MIN_VALUE;
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
        this.stateWatcher = context.watcher(this::refresh);
        this.seat = new LatchSeat(context, zk, partition, this);
    }

    void start() {
        context.onThread(this::refresh);
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
            if (leader) {
                stepDown("resigned (controlled shutdown)");
            }
            seat.leave();
        });
    }

    @Override
    public void close() {
        runAndWait(() -> {
            closed = true;
            leader = false;
            seat.leave();
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
        seat.leave();
    }

    void onReconnected(boolean newSession) {
        if (newSession) {
            seat.leave();
        }
        refresh();
    }

    /**
     * One step of a preferred-leader rebalance (Kafka's {@code auto.leader.rebalance.enable}),
     * for a replica that is not the preferred one while the preferred replica is registered, in
     * the ISR and in the latch behind this one. A follower ahead of it leaves the latch and rejoins
     * (behind it; leadership does not move); the leader steps down and rejoins only when the
     * preferred replica is next in the latch, so the leadership moves once, straight to it. A leader
     * with followers still between looks again after {@link #REBALANCE_RECHECK} (they requeue in the
     * same round), a few times. A replica that won the latch but has not finished its election
     * write waits for a later round.
     */
    void makeWayForPreferred() {
        makeWayForPreferred(0);
    }

    private void makeWayForPreferred(int recheck) {
        int preferred = replicas.get(0);
        if (closed || resigned || preferred == self || lastState == null || !seat.isJoined()
                || !lastState.value().isInIsr(preferred) || !context.registry().liveBrokerIds().contains(preferred)) {
            return;
        }
        int generation = seat.generation();
        zk.latchOrder(partition).whenCompleteAsync((order, error) -> {
            if (error != null || closed || resigned || generation != seat.generation() || lastState == null) {
                return;
            }
            int ours = order.indexOf(self);
            int theirs = order.indexOf(preferred);
            if (ours < 0 || theirs < ours) {
                return;
            }
            if (leader) {
                if (theirs != ours + 1) {
                    if (recheck < MAX_REBALANCE_RECHECKS) {
                        context.executor().schedule(() -> makeWayForPreferred(recheck + 1),
                                REBALANCE_RECHECK.toMillis(), TimeUnit.MILLISECONDS);
                    }
                    return;
                }
                stepDown("preferred replica " + preferred + " is in the ISR and next in the latch");
            } else if (ours == 0) {
                return;
            } else {
                log.info("{}: broker {} rejoins the latch behind the preferred replica {}", partition, self, preferred);
            }
            seat.leave();
            maybeJoinOrLeave(lastState.value());
        }, context.executor());
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
                retryLater("reading state failed", unwrap(error));
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
            seat.leave();
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
        if (isEligible(state)) {
            seat.join(eligibleReplicasAhead(state));
            return;
        }
        if (seat.isJoined()) {
            log.info("{}: broker {} leaves the latch: not eligible (ISR {})", partition, self, state.isr());
        }
        seat.leave();
    }

    /** Replicas before this one in the assignment that can lead now (in the ISR and registered). */
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

    @Override
    public boolean mayJoin() {
        return lastState != null && isEligible(lastState.value());
    }

    @Override
    public void onLatchLost(int generation) {
        if (leader) {
            stepDown("latch leadership lost");
        }
    }

    @Override
    public void onJoinFailed(Exception cause) {
        retryLater("joining the latch failed", cause);
    }

    @Override
    public void onLatchWon(int generation) {
        Optional<String> ourNode = seat.ourNode();
        if (!isCandidate(generation) || ourNode.isEmpty()) {
            return;
        }
        zk.readState(partition, stateWatcher).thenCombine(zk.liveBrokerIds(), ElectionInputs::new)
                .whenCompleteAsync((inputs, error) -> {
                    if (!isCandidate(generation)) {
                        return;
                    }
                    if (error != null) {
                        seat.leave();
                        retryLater("election read failed", unwrap(error));
                    } else if (inputs.state().isEmpty()) {
                        onPartitionGone();
                    } else {
                        tryToLead(generation, inputs.state().get(), inputs.live(), ourNode.get());
                    }
                }, context.executor());
    }

    private record ElectionInputs(Optional<Versioned<PartitionState>> state, Set<Integer> live) {
    }

    /** Still holds the latch it won as {@code generation}, and has not yet become leader with it. */
    private boolean isCandidate(int generation) {
        return !closed && !leader && seat.leads(generation);
    }

    private void tryToLead(int generation, Versioned<PartitionState> read, Set<Integer> live, String ourNode) {
        PartitionState state = read.value();
        boolean clean = state.isInIsr(self);
        boolean unclean = !clean && context.config().uncleanLeaderElectionEnable()
                && state.isr().stream().noneMatch(live::contains);
        if (!clean && !unclean) {
            log.info("{}: broker {} won the latch but is not in ISR {}; leaving", partition, self, state.isr());
            seat.leave();
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
                seat.leave();
                refresh();
            } else if (cause != null) {
                seat.leave();
                retryLater("election write failed", cause);
            } else if (!isCandidate(generation)) {
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
        seat.leave();
    }

    private void retryLater(String what, Throwable cause) {
        log.warn("{}: {}; retrying in 1 s", partition, what, cause);
        context.executor().schedule(this::refresh, 1, TimeUnit.SECONDS);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private void runAndWait(Runnable action) {
        if (context.isElectionThread()) {
            action.run();
            return;
        }
        try {
            context.executor().submit(action).get(10, TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopped) {
            action.run();
        } catch (ExecutionException | TimeoutException e) {
            throw new CoordinatorException(partition + ": elector operation failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CoordinatorException.wrap(partition + ": elector operation", e);
        }
    }
}
