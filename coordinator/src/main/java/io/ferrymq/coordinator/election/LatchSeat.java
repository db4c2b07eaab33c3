package io.ferrymq.coordinator.election;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica's seat in its partition's Curator {@link LeaderLatch} (DESIGN.md, "Latch mechanics"):
 * joins in assignment order — at once when no eligible replica is ahead of it, otherwise once that
 * many participants are in the latch (watched) or after the grace period — and leaves. Every latch
 * it creates gets a new generation, so callbacks of a closed latch are recognised and ignored.
 *
 * <p>Confined to the broker's election thread, like its owner {@link CuratorLeaderElector}.
 */
final class LatchSeat {

    static final int MAX_CHECKS_BEFORE_REJOIN = 32;

    private static final Logger log = LoggerFactory.getLogger(LatchSeat.class);

    /** What the owner decides and learns; called on the election thread. */
    interface Owner {
        /** Whether the replica may join now (re-checked when a delayed join fires). */
        boolean mayJoin();

        void onLatchWon(int generation);

        void onLatchLost(int generation);

        /** Joining failed; the owner re-reads and tries again later. */
        void onJoinFailed(Exception cause);
    }

    private final ElectorContext context;
    private final ElectionZk zk;
    private final TopicPartition partition;
    private final Owner owner;
    private final CuratorWatcher participantsWatcher;

    private LeaderLatch latch;
    private int generation;
    private boolean pending;
    private int ahead;
    private final MissingNodeCheck missingNode = new MissingNodeCheck(2, MAX_CHECKS_BEFORE_REJOIN);

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

    /** Whether this replica is in its latch and its latch node exists. */
    boolean hasNode() {
        return latch != null && latch.getOurPath() != null;
    }

    /**
     * Whether the joined latch has had no node for enough checks in a row that counted
     * ({@link MissingNodeCheck}: two at first): its creation failed (Curator logs the error and the latch waits for a reconnect that
     * may never come), so the replica would silently be out of the election. A latch between two
     * nodes (a reset) has none only for a moment, so one check alone proves nothing. A check does
     * not count while {@code creationsProgressing} (other latch nodes of this broker were created
     * since the previous check): then the node is queued behind them, not lost; at 10,000 partitions
     * creating every node takes minutes on a loaded machine, and rejoining queued latches only
     * lengthened the queue. Each rejoin doubles the checks the next one needs (up to
     * {@value #MAX_CHECKS_BEFORE_REJOIN}).
     */
    boolean lostItsNode(boolean creationsProgressing) {
        return missingNode.check(latch != null && latch.getOurPath() == null, creationsProgressing);
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
        return latch == null ? Optional.empty() : Optional.ofNullable(latch.getOurPath());
    }

    /** Joins after {@code eligibleAhead} participants (or the grace period); no-op when joined or pending. */
    void join(int eligibleAhead) {
        if (latch != null || pending) {
            return;
        }
        ahead = eligibleAhead;
        if (ahead == 0) {
            joinNow();
            return;
        }
        pending = true;
        context.executor().schedule(this::onGraceExpired,
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
        missingNode.reset();
        LeaderLatch closing = latch;
        latch = null;
        try {
            closing.close();
        } catch (IOException | IllegalStateException e) {
            log.warn("{}: closing the latch failed", partition, e);
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

    private void onGraceExpired() {
        if (pending) {
            pending = false;
            joinNow();
        }
    }

    private void joinNow() {
        if (latch != null || !owner.mayJoin()) {
            return;
        }
        int joined = ++generation;
        LeaderLatch created = new LeaderLatch(context.curator(), ZkPaths.latch(partition),
                String.valueOf(context.config().brokerId()), LeaderLatch.CloseMode.SILENT);
        created.addListener(new LeaderLatchListener() {
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
        }, context.executor());
        try {
            created.start();
            latch = created;
        } catch (Exception e) {
            owner.onJoinFailed(e);
        }
    }
}
