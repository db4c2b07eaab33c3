package io.ferrymq.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.log.MutableClock;
import io.ferrymq.common.TopicPartition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random interleavings of appends, follower fetches and ISR changes whose ZooKeeper write is in
 * flight across them, on broker 1 leading replicas 1, 2, 3 over an in-memory log. The safety rule of
 * the maximal ISR: the high watermark never passes the log end of a replica named by the committed
 * ISR or by the ISR being written, so at the moment ZooKeeper holds an ISR every member has every
 * committed offset.
 */
class PartitionIsrChangeTest {

    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final int EPOCH = 1;
    private static final Set<Integer> ALL_LIVE = Set.of(1, 2, 3);

    enum Action { APPEND, FETCH, EXPAND, SHRINK, WRITE_SUCCEEDS, WRITE_LOST }

    record Step(Action action, int follower, int advance) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(Action.class), Arbitraries.of(2, 3),
                Arbitraries.integers().between(0, 2)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 500)
    void noReplicaNamedInTheIsrEverEndsBelowTheHighWatermark(
            @ForAll("steps") List<Step> steps, @ForAll boolean startWithFullIsr) {
        MutableClock clock = new MutableClock(0);
        Partition leader = new Partition(TP, new InMemoryReplicaLog(),
                new PartitionConfig(1, List.of(1, 2, 3), 1, 1_000), 0, clock);
        leader.makeLeader(EPOCH, startWithFullIsr ? List.of(1, 2, 3) : List.of(1, 2));
        Map<Integer, Long> logEnds = new HashMap<>(Map.of(2, 0L, 3, 0L));
        for (Step step : steps) {
            apply(step, leader, logEnds, clock);
            assertNamedReplicasHoldTheHighWatermark(leader, logEnds, leader.isr());
            leader.pendingIsrChange().ifPresent(
                    change -> assertNamedReplicasHoldTheHighWatermark(leader, logEnds, change.newIsr()));
        }
    }

    private static void apply(Step step, Partition leader, Map<Integer, Long> logEnds, MutableClock clock) {
        Optional<IsrChange> inFlight = leader.pendingIsrChange();
        switch (step.action()) {
            case APPEND -> leader.appendAsLeader(Batches.of("v"), (short) 1);
            case FETCH -> {
                long offset = Math.min(leader.logEndOffset(), logEnds.get(step.follower()) + step.advance());
                leader.updateFollowerFetchState(step.follower(), offset, EPOCH);
                logEnds.put(step.follower(), offset);
            }
            case EXPAND -> leader.proposeIsrExpand(ALL_LIVE);
            case SHRINK -> {
                clock.advance(1_001);
                leader.proposeIsrShrink(ALL_LIVE);
            }
            case WRITE_SUCCEEDS -> inFlight.ifPresent(change -> {
                assertNamedReplicasHoldTheHighWatermark(leader, logEnds, change.newIsr());
                leader.applyIsr(EPOCH, change.newIsr());
            });
            case WRITE_LOST -> inFlight.ifPresent(change -> leader.applyIsr(EPOCH, leader.isr()));
        }
    }

    private static void assertNamedReplicasHoldTheHighWatermark(
            Partition leader, Map<Integer, Long> logEnds, List<Integer> isr) {
        long hw = leader.highWatermark();
        for (int member : isr) {
            long logEnd = member == 1 ? leader.logEndOffset() : logEnds.get(member);
            assertThat(logEnd).as("log end of %d, named in ISR %s, vs high watermark", member, isr)
                    .isGreaterThanOrEqualTo(hw);
        }
    }
}
