package io.ferrymq.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DelayedOperationPurgatoryTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    private final DelayedOperationPurgatory<TopicPartition> purgatory = new DelayedOperationPurgatory<>("test");
    private final Map<TopicPartition, AtomicLong> highWatermarks = new ConcurrentHashMap<>(Map.of(
            P0, new AtomicLong(), P1, new AtomicLong()));
    private final Set<TopicPartition> deposed = ConcurrentHashMap.newKeySet();

    private final ReplicationCheck check = (tp, required, epoch) -> {
        if (deposed.contains(tp)) {
            return Optional.of(ErrorCode.NOT_LEADER_OR_FOLLOWER);
        }
        return highWatermarks.get(tp).get() >= required ? Optional.of(ErrorCode.NONE) : Optional.empty();
    };

    @AfterEach
    void close() {
        purgatory.close();
    }

    private CompletableFuture<Map<TopicPartition, PartitionProduceResult>> produce(long timeoutMs, Map<TopicPartition, Long> required) {
        CompletableFuture<Map<TopicPartition, PartitionProduceResult>> future = new CompletableFuture<>();
        Map<TopicPartition, DelayedProduce.PendingAppend> pending = new java.util.HashMap<>();
        required.forEach((tp, offset) -> pending.put(tp, new DelayedProduce.PendingAppend(
                offset, 0, PartitionProduceResult.success(offset - 1, -1, 0))));
        purgatory.tryCompleteElseWatch(new DelayedProduce(timeoutMs, Map.of(), pending, check, future::complete),
                required.keySet());
        return future;
    }

    private void moveHighWatermark(TopicPartition tp, long hw) {
        highWatermarks.get(tp).set(hw);
        purgatory.checkAndComplete(tp);
    }

    @Test
    void acksAllWaiterCompletesWhenHighWatermarkPassesItsBatch() {
        CompletableFuture<Map<TopicPartition, PartitionProduceResult>> response = produce(30_000, Map.of(P0, 5L));
        moveHighWatermark(P0, 4);
        assertThat(response).isNotDone();
        moveHighWatermark(P0, 5);
        assertThat(response).isCompleted();
        assertThat(response.join().get(P0).error()).isEqualTo(ErrorCode.NONE);
        assertThat(response.join().get(P0).baseOffset()).isEqualTo(4);
        assertThat(purgatory.watched()).isZero();
    }

    @Test
    void alreadyCommittedAppendCompletesWithoutWaiting() {
        highWatermarks.get(P0).set(10);
        assertThat(produce(30_000, Map.of(P0, 5L))).isCompleted();
        assertThat(purgatory.watched()).isZero();
    }

    @Test
    void requestSpanningPartitionsAnswersOnceAllAreCommitted() {
        CompletableFuture<Map<TopicPartition, PartitionProduceResult>> response = produce(30_000, Map.of(P0, 1L, P1, 1L));
        moveHighWatermark(P0, 1);
        assertThat(response).isNotDone();
        moveHighWatermark(P1, 1);
        assertThat(response.join()).containsOnlyKeys(P0, P1);
        assertThat(response.join().values()).allMatch(r -> r.error() == ErrorCode.NONE);
    }

    @Test
    void waiterTimesOutWithRequestTimedOutNamingThePartition() {
        CompletableFuture<Map<TopicPartition, PartitionProduceResult>> response = produce(50, Map.of(P0, 1L, P1, 1L));
        moveHighWatermark(P1, 1);
        PartitionProduceResult p0 = response.orTimeout(10, TimeUnit.SECONDS).join().get(P0);
        assertThat(p0.error()).isEqualTo(ErrorCode.REQUEST_TIMED_OUT);
        assertThat(p0.errorMessage()).contains("t-0");
        assertThat(response.join().get(P1).error()).isEqualTo(ErrorCode.NONE);
        await().atMost(Duration.ofSeconds(5)).until(() -> purgatory.watched() == 0);
    }

    @Test
    void lostLeadershipEndsTheWaitWithItsError() {
        CompletableFuture<Map<TopicPartition, PartitionProduceResult>> response = produce(30_000, Map.of(P0, 3L));
        deposed.add(P0);
        purgatory.checkAndComplete(P0);
        assertThat(response.join().get(P0).error()).isEqualTo(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    }

    @Test
    void closeExpiresPendingWaiters() {
        CompletableFuture<Map<TopicPartition, PartitionProduceResult>> response = produce(30_000, Map.of(P0, 3L));
        purgatory.close();
        assertThat(response.join().get(P0).error()).isEqualTo(ErrorCode.REQUEST_TIMED_OUT);
    }

    @Test
    void longPollFetchWakesOnEventAndRespondsOnce() {
        AtomicBoolean dataArrived = new AtomicBoolean();
        AtomicLong responses = new AtomicLong();
        purgatory.tryCompleteElseWatch(new DelayedFetch(30_000, dataArrived::get, responses::incrementAndGet), List.of(P0));
        purgatory.checkAndComplete(P0);
        assertThat(responses).hasValue(0);
        dataArrived.set(true);
        purgatory.checkAndComplete(P0);
        purgatory.checkAndComplete(P0);
        assertThat(responses).hasValue(1);
    }

    @Test
    void completedFetchLeavesEveryPartitionItWatched() {
        AtomicBoolean dataArrived = new AtomicBoolean();
        AtomicLong responses = new AtomicLong();
        purgatory.tryCompleteElseWatch(new DelayedFetch(30_000, dataArrived::get, responses::incrementAndGet),
                List.of(P0, P1));
        assertThat(purgatory.watched()).isEqualTo(2);
        dataArrived.set(true);
        purgatory.checkAndComplete(P0);
        assertThat(responses).hasValue(1);
        assertThat(purgatory.watchListSize(P1)).as("P1 has no event: the completed fetch must not stay on its list")
                .isZero();
        assertThat(purgatory.watched()).isZero();
    }

    @Test
    void fetchSatisfiedWhileBeingWatchedLeavesNoWatcher() {
        AtomicLong checks = new AtomicLong();
        AtomicLong responses = new AtomicLong();
        boolean completed = purgatory.tryCompleteElseWatch(
                new DelayedFetch(30_000, () -> checks.incrementAndGet() > 1, responses::incrementAndGet), List.of(P0, P1));
        assertThat(completed).isTrue();
        assertThat(responses).hasValue(1);
        assertThat(purgatory.watchListSize(P0)).isZero();
        assertThat(purgatory.watchListSize(P1)).isZero();
    }

    @Test
    void longPollFetchRespondsAfterMaxWaitWithoutData() {
        CompletableFuture<Void> responded = new CompletableFuture<>();
        purgatory.tryCompleteElseWatch(new DelayedFetch(30, () -> false, () -> responded.complete(null)), List.of(P0));
        responded.orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void noWakeUpIsLostWhenWaitersRaceWithHighWatermarkMoves() throws Exception {
        List<CompletableFuture<Map<TopicPartition, PartitionProduceResult>>> responses = new ArrayList<>();
        Thread mover = new Thread(() -> {
            for (long hw = 1; hw <= 2_000; hw++) {
                moveHighWatermark(P0, hw);
            }
        }, "hw-mover");
        mover.start();
        try {
            for (long offset = 1; offset <= 2_000; offset++) {
                responses.add(produce(20_000, Map.of(P0, offset)));
            }
        } finally {
            mover.join(20_000);
        }
        CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        assertThat(responses).allMatch(r -> r.join().get(P0).error() == ErrorCode.NONE);
    }
}
