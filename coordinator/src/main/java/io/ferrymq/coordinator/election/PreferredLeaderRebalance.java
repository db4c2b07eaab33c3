package io.ferrymq.coordinator.election;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.metadata.PartitionState;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The preferred-leader rebalance of one replica (Kafka's {@code auto.leader.rebalance.enable};
 * DESIGN.md, "Latch mechanics"): one round reads the latch order when
 * {@link ElectionPolicy#shouldMakeWayForPreferred} says so, asks {@link ElectionPolicy#moveFor}
 * what to do and hands a requeue or step-down to its owner. A leader with followers still between
 * it and the preferred replica looks again after {@link #RECHECK} (they requeue in the same round),
 * up to {@link ElectionPolicy#MAX_REBALANCE_RECHECKS} times. An answer for an older latch
 * generation is dropped. The rules are the policy's; this class only reads and schedules.
 *
 * <p>Confined to the broker's election thread, like its owner {@link ZkLeaderElector}.
 */
final class PreferredLeaderRebalance {

    private static final Logger log = LoggerFactory.getLogger(PreferredLeaderRebalance.class);
    private static final Duration RECHECK = Duration.ofSeconds(1);

    /** The elector side; called on the election thread. */
    interface Owner {
        /** The partition state last read, empty before the first read. */
        Optional<PartitionState> knownState();

        /** Carries out a {@link ElectionPolicy.Move#REQUEUE} or {@link ElectionPolicy.Move#STEP_DOWN}. */
        void makeWay(ElectionPolicy.Move move);
    }

    private final ElectorContext context;
    private final ElectionZk zk;
    private final TopicPartition partition;
    private final ElectionPolicy policy;
    private final LatchSeat seat;
    private final Owner owner;

    PreferredLeaderRebalance(ElectorContext context, ElectionZk zk, TopicPartition partition, ElectionPolicy policy,
                             LatchSeat seat, Owner owner) {
        this.context = context;
        this.zk = zk;
        this.partition = partition;
        this.policy = policy;
        this.seat = seat;
        this.owner = owner;
    }

    /** One rebalance round for this replica. */
    void round() {
        look(0);
    }

    private void look(int recheck) {
        Optional<PartitionState> state = owner.knownState();
        if (state.isEmpty() || !policy.shouldMakeWayForPreferred(state.get(), context.registry().brokersServing(partition),
                seat.isJoined())) {
            return;
        }
        int generation = seat.generation();
        zk.latchOrder(partition).whenCompleteAsync((order, error) -> {
            if (error != null) {
                log.debug("{}: reading the latch order failed; a later round looks again", partition, error);
                return;
            }
            if (generation != seat.generation()) {
                return;
            }
            ElectionPolicy.Move move = policy.moveFor(order, recheck);
            switch (move) {
                case STAY -> {
                }
                case RECHECK -> context.executor().schedule(() -> look(recheck + 1), RECHECK.toMillis(),
                        TimeUnit.MILLISECONDS);
                case REQUEUE, STEP_DOWN -> owner.makeWay(move);
            }
        }, context.executor());
    }
}
