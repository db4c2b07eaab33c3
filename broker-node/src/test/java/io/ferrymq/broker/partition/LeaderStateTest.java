package io.ferrymq.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeaderStateTest {

    private static final Set<Integer> ALL_LIVE = Set.of(1, 2, 3);

    private final IsrPolicy policy = new IsrPolicy(1_000);

    /** Broker 1 leads epoch 1 from offset 0 with {@code isr}; replicas 1, 2, 3. */
    private static LeaderState leading(List<Integer> isr) {
        return new LeaderState(1, 1, 0, isr, List.of(1, 2, 3), 0);
    }

    @Test
    void highWatermarkWaitsForAJoinerFromTheMomentItsExpansionIsProposed() {
        LeaderState state = leading(List.of(1, 2));
        state.recordFetch(2, 4, 4, 0, Partition.NO_UNNAMED_FETCH);
        state.recordFetch(3, 4, 4, 0, Partition.NO_UNNAMED_FETCH);
        IsrChange expand = state.proposeExpand(policy, 4, ALL_LIVE).orElseThrow();
        assertThat(expand.added()).containsExactly(3);
        state.recordFetch(2, 6, 6, 1, Partition.NO_UNNAMED_FETCH);

        assertThat(state.isr()).containsExactly(1, 2);
        assertThat(state.maximalIsr()).containsExactly(1, 2, 3);
        assertThat(state.highWatermark(4, 6)).isEqualTo(4);
        state.recordFetch(3, 5, 6, 2, Partition.NO_UNNAMED_FETCH);
        assertThat(state.highWatermark(4, 6)).isEqualTo(5);
    }

    @Test
    void highWatermarkWaitsForALeaverUntilItsShrinkIsCommitted() {
        LeaderState state = leading(List.of(1, 2, 3));
        state.recordFetch(2, 6, 6, 0, Partition.NO_UNNAMED_FETCH);
        state.recordFetch(3, 4, 6, 0, Partition.NO_UNNAMED_FETCH);
        IsrChange shrink = state.proposeShrink(policy, 6, Set.of(1, 2), 0).orElseThrow();
        assertThat(shrink.newIsr()).containsExactly(1, 2);

        assertThat(state.highWatermark(4, 6)).isEqualTo(4);
        state.commitIsr(shrink.newIsr());
        assertThat(state.maximalIsr()).containsExactly(1, 2);
        assertThat(state.highWatermark(4, 6)).isEqualTo(6);
    }

    @Test
    void noOtherIsrChangeIsProposedWhileOneIsPending() {
        LeaderState state = leading(List.of(1, 2));
        state.recordFetch(2, 4, 4, 0, Partition.NO_UNNAMED_FETCH);
        state.recordFetch(3, 4, 4, 0, Partition.NO_UNNAMED_FETCH);
        IsrChange expand = state.proposeExpand(policy, 4, ALL_LIVE).orElseThrow();

        assertThat(state.proposeShrink(policy, 4, Set.of(1), 0)).isEmpty();
        assertThat(state.proposeExpand(policy, 4, ALL_LIVE)).isEmpty();
        assertThat(state.pendingIsrChange()).contains(expand);
    }

    @Test
    void committingTheIsrZooKeeperHoldsEndsThePendingChange() {
        LeaderState state = leading(List.of(1, 2));
        state.recordFetch(2, 4, 4, 0, Partition.NO_UNNAMED_FETCH);
        state.recordFetch(3, 4, 4, 0, Partition.NO_UNNAMED_FETCH);
        state.proposeExpand(policy, 4, ALL_LIVE).orElseThrow();

        state.commitIsr(List.of(1, 2));

        assertThat(state.pendingIsrChange()).isEmpty();
        assertThat(state.maximalIsr()).containsExactly(1, 2);
        assertThat(state.proposeExpand(policy, 4, ALL_LIVE).map(IsrChange::added)).contains(Set.of(3));
    }

    @Test
    void everyNamedReplicaMustHaveTheWholeLogForASafeHandOver() {
        LeaderState state = leading(List.of(1, 2, 3));
        state.recordFetch(2, 6, 6, 0, Partition.NO_UNNAMED_FETCH);
        state.recordFetch(3, 5, 6, 0, Partition.NO_UNNAMED_FETCH);

        assertThat(state.haveReplicated(List.of(1, 2), 6)).isTrue();
        assertThat(state.haveReplicated(List.of(1, 2, 3), 6)).isFalse();
        assertThat(state.haveReplicated(List.of(1, 4), 6)).as("a replica not assigned here").isFalse();
    }
}
