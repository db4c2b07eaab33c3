package io.ferrymq.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.broker.log.MutableClock;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ApiException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A leader whose partition is reassigned (its replica list changes while it leads): a new replica
 * becomes a follower that may join the ISR once caught up; a replica no longer assigned never joins
 * again and is dropped from the ISR by the next shrink, even while it keeps up.
 */
class PartitionReassignmentTest {

    private static final TopicPartition TP = new TopicPartition("moving", 0);
    private static final int EPOCH = 4;
    private static final Set<Integer> LIVE = Set.of(1, 2, 3);

    private final MutableClock clock = new MutableClock(0);

    private Partition leaderOf(List<Integer> replicas, List<Integer> isr) {
        Partition leader = new Partition(TP, new InMemoryReplicaLog(), new PartitionConfig(1, replicas, 1, 10_000), 0,
                clock);
        leader.makeLeader(EPOCH, isr);
        return leader;
    }

    @Test
    void anAddedReplicaFollowsAndJoinsTheIsrOnceCaughtUp() {
        Partition leader = leaderOf(List.of(1, 2), List.of(1, 2));
        leader.appendAsLeader(Batches.of("v"), (short) 1);
        assertThatThrownBy(() -> leader.updateFollowerFetchState(3, 0, EPOCH)).isInstanceOf(ApiException.class);

        leader.updateConfig(new PartitionConfig(1, List.of(3, 2, 1), 1, 10_000));
        leader.updateFollowerFetchState(2, leader.logEndOffset(), EPOCH);
        leader.updateFollowerFetchState(3, leader.logEndOffset(), EPOCH);

        IsrChange change = leader.proposeIsrExpand(LIVE).orElseThrow();
        assertThat(change.newIsr()).containsExactly(1, 2, 3);
        assertThat(change.added()).containsExactly(3);
    }

    @Test
    void aReplicaNoLongerAssignedLeavesTheIsrEvenWhileCaughtUp() {
        Partition leader = leaderOf(List.of(1, 2, 3), List.of(1, 2, 3));
        leader.appendAsLeader(Batches.of("v"), (short) 1);
        leader.updateFollowerFetchState(2, leader.logEndOffset(), EPOCH);
        leader.updateFollowerFetchState(3, leader.logEndOffset(), EPOCH);
        assertThat(leader.proposeIsrShrink(LIVE)).isEmpty();

        leader.updateConfig(new PartitionConfig(1, List.of(1, 3), 1, 10_000));

        IsrChange change = leader.proposeIsrShrink(LIVE).orElseThrow();
        assertThat(change.newIsr()).containsExactly(1, 3);
        assertThat(change.removed()).containsExactly(2);
        leader.applyIsr(EPOCH, change.newIsr());
        assertThat(leader.isr()).containsExactly(1, 3);
        assertThatThrownBy(() -> leader.updateFollowerFetchState(2, leader.logEndOffset(), EPOCH))
                .as("forgotten once out of the ISR").isInstanceOf(ApiException.class);
    }

    @Test
    void aRemovedReplicaOutsideTheIsrNeverJoinsIt() {
        Partition leader = leaderOf(List.of(1, 2, 3), List.of(1, 3));
        leader.updateConfig(new PartitionConfig(1, List.of(1, 3), 1, 10_000));

        assertThatThrownBy(() -> leader.updateFollowerFetchState(2, 0, EPOCH)).isInstanceOf(ApiException.class);
        assertThat(leader.proposeIsrExpand(LIVE)).isEmpty();
    }
}
