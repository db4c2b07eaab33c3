package io.ferrymq.client.consumer.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.consumer.NoOffsetForPartitionException;
import io.ferrymq.client.consumer.OffsetResetStrategy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionStateTest {

    private static final TopicPartition TP0 = new TopicPartition("t", 0);
    private static final TopicPartition TP1 = new TopicPartition("t", 1);

    @Test
    void newPartitionsGetTheDefaultResetAndBecomeFetchableOnceResolved() {
        SubscriptionState state = new SubscriptionState(OffsetResetStrategy.EARLIEST);
        state.assignFromUser(List.of(TP0, TP1));
        assertThat(state.fetchablePartitions()).isEmpty();
        state.resetMissingPositions();
        assertThat(state.partitionsNeedingReset()).isEqualTo(Map.of(TP0, OffsetResetStrategy.EARLIEST,
                TP1, OffsetResetStrategy.EARLIEST));
        state.completeReset(TP0, OffsetResetStrategy.EARLIEST, 5);
        assertThat(state.position(TP0)).hasValue(5);
        assertThat(state.fetchablePartitions()).containsExactly(TP0);
    }

    @Test
    void aSeekWinsOverAResetStillInFlight() {
        SubscriptionState state = new SubscriptionState(OffsetResetStrategy.LATEST);
        state.assignFromUser(List.of(TP0));
        state.resetMissingPositions();
        state.seek(TP0, 42);
        state.completeReset(TP0, OffsetResetStrategy.LATEST, 1000);
        assertThat(state.position(TP0)).hasValue(42);
    }

    @Test
    void aResetWithAnotherStrategyIgnoresTheOlderAnswer() {
        SubscriptionState state = new SubscriptionState(OffsetResetStrategy.LATEST);
        state.assignFromUser(List.of(TP0));
        state.resetMissingPositions();
        state.requestReset(TP0, OffsetResetStrategy.EARLIEST);
        state.completeReset(TP0, OffsetResetStrategy.LATEST, 1000);
        assertThat(state.position(TP0)).isEmpty();
        state.completeReset(TP0, OffsetResetStrategy.EARLIEST, 0);
        assertThat(state.position(TP0)).hasValue(0);
    }

    @Test
    void resetNoneWithoutPositionNamesThePartitions() {
        SubscriptionState state = new SubscriptionState(OffsetResetStrategy.NONE);
        state.assignFromUser(List.of(TP0, TP1));
        state.seek(TP1, 3);
        assertThatThrownBy(state::resetMissingPositions).isInstanceOf(NoOffsetForPartitionException.class)
                .hasMessageContaining("t-0").satisfies(e ->
                        assertThat(((NoOffsetForPartitionException) e).partitions()).containsExactly(TP0));
    }

    @Test
    void reassignmentKeepsPositionsOfKeptPartitionsAndPausedStopsFetching() {
        SubscriptionState state = new SubscriptionState(OffsetResetStrategy.EARLIEST);
        state.assignFromUser(List.of(TP0, TP1));
        state.seek(TP0, 7);
        state.seek(TP1, 9);
        state.pause(TP1);
        assertThat(state.fetchablePartitions()).containsExactly(TP0);
        assertThat(state.pausedPartitions()).containsExactly(TP1);
        state.assignFromUser(List.of(TP0));
        assertThat(state.position(TP0)).hasValue(7);
        assertThatThrownBy(() -> state.position(TP1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("t-1");
    }

    @Test
    void advanceMovesThePositionUnlessAResetIsPending() {
        SubscriptionState state = new SubscriptionState(OffsetResetStrategy.EARLIEST);
        state.assignFromUser(List.of(TP0));
        state.seek(TP0, 0);
        state.advance(TP0, 10);
        assertThat(state.position(TP0)).hasValue(10);
        state.requestReset(TP0, OffsetResetStrategy.LATEST);
        state.advance(TP0, 20);
        assertThat(state.position(TP0)).isEmpty();
    }

    @Test
    void subscribedAssignmentMustMatchTheSubscription() {
        SubscriptionState state = new SubscriptionState(OffsetResetStrategy.EARLIEST);
        state.subscribe(List.of("t"));
        state.assignFromSubscribed(List.of(TP0));
        assertThat(state.assignedPartitions()).containsExactly(TP0);
        assertThatThrownBy(() -> state.assignFromSubscribed(List.of(new TopicPartition("u", 0))))
                .hasMessageContaining("u-0");
        assertThatThrownBy(() -> state.assignFromUser(List.of(TP1))).isInstanceOf(IllegalStateException.class);
    }
}
