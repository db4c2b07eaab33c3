package io.ferrymq.coordinator.election;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.api.CuratorWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica's seat in its partition's latch ({@link PartitionLatch}; DESIGN.md, "Latch mechanics"):
 * joins in assignment order — at once when no eligible replica is ahead of it, otherwise once that
 * many participants are in the latch (watched), or once none is ahead any more, or after the grace
 * period ({@link ElectionConfig#preferredReplicaGrace}, a bound: the wait normally ends when the
 * replicas ahead join) — and leaves. Every latch
 * it creates gets a new generation, so callbacks of a closed latch are recognised and ignored.
 *
 * <p>Confined to the broker's election thread, like its owner {@link ZkLeaderElector}.
 */
final class LatchSeat {

    private static final Logger log = LoggerFactory.getLogger(LatchSeat.class);

    /** What the owner decides and learns; called on the election thread. */
    interface Owner {
        /** Whether the replica may join now (re-checked when a delayed join fires). */
        boolean mayJoin();

        void onLatchWon(int generation);

        void onLatchLost(int generation);

        /** The latch failed (its node could not be created, or vanished) and was left; the owner re-reads and joins again later. */
        void onJoinFailed(Exception cause);
    }

    private final ElectorContext context;
    private final ElectionZk zk;
    private final TopicPartition partition;
    private final Owner owner;
    private final CuratorWatcher participantsWatcher;

    private PartitionLatch latch;
    private int generation;
    private boolean pending;
    /** Counts the pending periods, so the grace timer of an earlier one does not end a later one. */
    private int pendingWaits;
    private int ahead;

    LatchSeat(ElectorContext context, ElectionZk zk, TopicPartition partition, Owner owner) {
        this.context = context;
        this.zk = zk;
        this.partition = partition;
        this.owner = owner;
        this.participantsWatcher = context.watcher(this::checkParticipants);
    }

    boolean isJoined() {
        return latch != null;
    }

    /** Waiting to join behind the replicas ahead of it (or for the grace period). */
    boolean isPending() {
        return pending;
    }

    int generation() {
        return generation;
    }

    /** Whether the latch of this generation is still held and says this replica leads it. */
    boolean leads(int latchGeneration) {
        return latchGeneration == generation && latch != null && latch.hasLeadership();
    }

    /** This replica's latch node, once created. */
    Optional<String> ourNode() {
        return latch == null ? Optional.empty() : Optional.ofNullable(latch.ourPath());
    }

    /**
     * Joins after {@code eligibleAhead} participants (or the grace period); no-op when joined. While
     * the join is pending, a new count replaces the old one (a replica ahead deregistered or left the
     * ISR), and the grace period keeps running from the first call.
     */
    void join(int eligibleAhead) {
        if (latch != null) {
            return;
        }
        if (pending) {
            if (eligibleAhead == 0) {
                pending = false;
                joinNow();
            } else if (eligibleAhead != ahead) {
                ahead = eligibleAhead;
                checkParticipants();
            }
            return;
        }
        ahead = eligibleAhead;
        if (ahead == 0) {
            joinNow();
            return;
        }
        pending = true;
        int wait = ++pendingWaits;
        context.executor().schedule(() -> onGraceExpired(wait),
                context.config().preferredReplicaGrace().toMillis(), TimeUnit.MILLISECONDS);
        checkParticipants();
    }

    /** Cancels a pending join and closes the latch, if any. */
    void leave() {
        pending = false;
        if (latch == null) {
            return;
        }
        generation++;
        PartitionLatch closing = latch;
        latch = null;
        closing.close();
    }

    /** The connection is suspended: the latch no longer claims leadership (its node stays queued). */
    void onSuspended() {
        if (latch != null) {
            latch.onSuspended();
        }
    }

    /** Reconnected within the same session: the latch looks again whether it leads. */
    void onReconnected() {
        if (latch != null) {
            latch.onReconnected();
        }
    }

    private void checkParticipants() {
        if (!pending || !zk.isConnected()) {
            return;
        }
        zk.latchParticipants(partition, participantsWatcher).whenCompleteAsync((participants, error) -> {
            if (error != null) {
                log.debug("{}: counting latch participants failed; the grace period still applies", partition, error);
            } else if (pending && participants >= ahead) {
                pending = false;
                joinNow();
            }
        }, context.executor());
    }

    private void onGraceExpired(int wait) {
        if (pending && wait == pendingWaits) {
            pending = false;
            joinNow();
        }
    }

    private void joinNow() {
        if (latch != null || !owner.mayJoin()) {
            return;
        }
        int joined = ++generation;
        latch = new PartitionLatch(context, ZkPaths.latch(partition), new PartitionLatch.Listener() {
            @Override
            public void isLeader() {
                if (joined == generation) {
                    owner.onLatchWon(joined);
                }
            }

            @Override
            public void notLeader() {
                if (joined == generation) {
                    owner.onLatchLost(joined);
                }
            }

            @Override
            public void failed(Exception cause) {
                if (joined == generation) {
                    latch = null;
                    generation++;
                    owner.onJoinFailed(cause);
                }
            }
        });
        latch.start();
    }
}
