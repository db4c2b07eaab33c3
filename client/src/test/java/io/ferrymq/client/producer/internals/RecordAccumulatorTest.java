package io.ferrymq.client.producer.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.Cluster;
import io.ferrymq.common.Node;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.producer.RecordMetadata;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.Record;
import io.ferrymq.common.record.RecordBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class RecordAccumulatorTest {

    private static final TopicPartition TP0 = new TopicPartition("t", 0);
    private static final TopicPartition TP1 = new TopicPartition("t", 1);
    private static final Node NODE1 = new Node(1, "h1", 1);

    private final Cluster cluster = StickyPartitionerTest.cluster("t", 2, Set.of());
    private final BufferPool pool = new BufferPool(64 * 1024, 1024);
    private final RecordAccumulator accumulator = new RecordAccumulator(
            new AccumulatorConfig(1024, 10, 100, 5000, CompressionType.NONE), pool);
    private final ReadyDrain readyDrain = new ReadyDrain(accumulator);

    private AppendResult append(TopicPartition tp, String value, long nowMs) {
        return accumulator.append(tp, nowMs, null, value.getBytes(StandardCharsets.UTF_8), List.of(), null, 0, nowMs);
    }

    private static String value(int i) {
        return "value-%04d-".formatted(i) + "x".repeat(90);
    }

    @Test
    void recordsFillABatchThenANewOneStartsAndTheFirstIsFull() {
        AppendResult first = append(TP0, value(0), 0);
        assertThat(first.newBatchCreated()).isTrue();
        int appended = 1;
        AppendResult last = first;
        while (!last.newBatchCreated() || appended == 1) {
            last = append(TP0, value(appended++), 0);
            if (last.newBatchCreated()) {
                break;
            }
        }
        assertThat(last.batchIsFull()).isTrue();
        assertThat(accumulator.deques().get(TP0)).hasSize(2);
        assertThat(accumulator.deques().get(TP0).peekFirst().estimatedSizeInBytes()).isLessThanOrEqualTo(1024);
        assertThat(accumulator.deques().get(TP0).peekFirst().recordCount()).isEqualTo(appended - 1);
    }

    @Test
    void aPartitionHasAFillingBatchFromItsFirstRecordUntilTheBatchIsDrained() {
        assertThat(accumulator.hasFillingBatch(TP0)).isFalse();
        append(TP0, "a", 0);
        assertThat(accumulator.hasFillingBatch(TP0)).isTrue();
        assertThat(accumulator.hasFillingBatch(TP1)).isFalse();
        Map<Integer, List<ProducerBatch>> drained = readyDrain.drain(cluster, Set.of(NODE1), 1 << 20, 10);
        assertThat(drained.get(NODE1.id())).hasSize(1);
        assertThat(accumulator.hasFillingBatch(TP0)).isFalse();
    }

    @Test
    void aPartialBatchIsReadyOnlyAfterLinger() {
        append(TP0, "a", 0);
        ReadyCheckResult notYet = readyDrain.ready(cluster, 4);
        assertThat(notYet.readyNodes()).isEmpty();
        assertThat(notYet.nextReadyCheckDelayMs()).isEqualTo(6);
        assertThat(readyDrain.ready(cluster, 10).readyNodes()).containsExactly(NODE1);
    }

    @Test
    void aFullBatchOrAFlushIsReadyAtOnce() {
        for (int i = 0; i < 20; i++) {
            append(TP0, value(i), 0);
        }
        assertThat(readyDrain.ready(cluster, 0).readyNodes()).containsExactly(NODE1);
        append(TP1, "b", 0);
        accumulator.beginFlush();
        assertThat(readyDrain.ready(cluster, 0).readyNodes()).hasSize(2);
    }

    @Test
    void drainClosesValidBatchesInOrderAndMutesThePartition() {
        for (int i = 0; i < 20; i++) {
            append(TP0, value(i), 0);
        }
        Map<Integer, List<ProducerBatch>> drained = readyDrain.drain(cluster, Set.of(NODE1), 1 << 20, 20);
        List<ProducerBatch> batches = drained.get(1);
        assertThat(batches).isNotEmpty().allMatch(b -> b.topicPartition().equals(TP0));
        List<String> values = new ArrayList<>();
        for (ProducerBatch batch : batches) {
            RecordBatch view = RecordBatch.wrap(batch.records());
            view.ensureValid();
            for (Record record : view) {
                values.add(StandardCharsets.UTF_8.decode(record.value().orElseThrow()).toString());
            }
        }
        assertThat(values).hasSize(20).first().isEqualTo(value(0));
        assertThat(values).last().isEqualTo(value(19));
        assertThat(readyDrain.isMuted(TP0)).isTrue();
        append(TP0, "later", 30);
        assertThat(readyDrain.ready(cluster, 100).readyNodes()).isEmpty();
        assertThat(readyDrain.drain(cluster, Set.of(NODE1), 1 << 20, 100)).isEmpty();
        readyDrain.unmute(TP0);
        assertThat(readyDrain.ready(cluster, 100).readyNodes()).containsExactly(NODE1);
    }

    @Test
    void drainStopsAtTheRequestSizeButTakesAtLeastOneBatch() {
        for (int i = 0; i < 40; i++) {
            append(TP0, value(i), 0);
        }
        List<ProducerBatch> batches = readyDrain.drain(cluster, Set.of(NODE1), 10, 20).get(1);
        assertThat(batches).hasSize(1);
        assertThat(accumulator.deques().get(TP0)).isNotEmpty();
    }

    @Test
    void aRetriedBatchWaitsForTheBackoffAndIsSentFirst() {
        append(TP0, "first", 0);
        ProducerBatch batch = readyDrain.drain(cluster, Set.of(NODE1), 1 << 20, 10).get(1).get(0);
        readyDrain.unmute(TP0);
        accumulator.reenqueue(batch, 50);
        append(TP0, "second", 60);
        assertThat(readyDrain.ready(cluster, 100).readyNodes()).isEmpty();
        assertThat(readyDrain.ready(cluster, 100).nextReadyCheckDelayMs()).isEqualTo(50);
        List<ProducerBatch> retried = readyDrain.drain(cluster, Set.of(NODE1), 1 << 20, 150).get(1);
        assertThat(retried.get(0)).isSameAs(batch);
        assertThat(batch.attempts()).isEqualTo(1);
    }

    @Test
    void batchesPastTheDeliveryTimeoutExpire() {
        append(TP0, "old", 0);
        append(TP1, "young", 4000);
        assertThat(accumulator.expiredBatches(4999)).isEmpty();
        List<ProducerBatch> expired = accumulator.expiredBatches(5000);
        assertThat(expired).extracting(ProducerBatch::topicPartition).containsExactly(TP0);
        assertThat(accumulator.deques().get(TP0)).isEmpty();
    }

    @Test
    void partitionsWithoutLeaderAreReportedForAMetadataRefresh() {
        append(new TopicPartition("other", 0), "x", 0);
        ReadyCheckResult result = readyDrain.ready(cluster, 100);
        assertThat(result.readyNodes()).isEmpty();
        assertThat(result.unknownLeaderTopics()).containsExactly("other");
    }

    @Test
    void completionGivesEachRecordItsOffsetAndRunsCallbacksInOrder() throws Exception {
        List<Long> callbackOffsets = new ArrayList<>();
        List<FutureRecordMetadata> futures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            futures.add(accumulator.append(TP0, 1000 + i, null, new byte[] {(byte) i}, List.of(),
                    (metadata, error) -> callbackOffsets.add(metadata.offset()), 0, 0).future());
        }
        ProducerBatch batch = readyDrain.drain(cluster, Set.of(NODE1), 1 << 20, 10).get(1).get(0);
        long before = pool.availableMemory();
        assertThat(batch.complete(100, -1, Optional.empty())).isTrue();
        assertThat(batch.complete(200, -1, Optional.empty())).isFalse();
        accumulator.deallocate(batch);
        assertThat(pool.availableMemory()).isEqualTo(before + 1024);
        assertThat(callbackOffsets).containsExactly(100L, 101L, 102L);
        assertThat(futures.get(2).get()).isEqualTo(new RecordMetadata("t", 0, 102, 1002));
        assertThat(accumulator.hasIncomplete()).isFalse();
    }

    @Test
    void abortFailsEveryIncompleteRecordAndClosedAccumulatorRefusesAppends() {
        FutureRecordMetadata future = append(TP0, "x", 0).future();
        accumulator.close();
        accumulator.abortIncompleteBatches(new IllegalStateException("producer closed forcefully"));
        assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("producer closed forcefully");
        assertThat(pool.availableMemory()).isEqualTo(64 * 1024);
        assertThatThrownBy(() -> append(TP0, "y", 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aRecordLargerThanBatchSizeGetsABatchOfItsOwn() {
        AppendResult result = accumulator.append(TP0, 0, null, new byte[5000], List.of(), null, 0, 0);
        assertThat(result.newBatchCreated()).isTrue();
        assertThat(pool.availableMemory()).isLessThan(64 * 1024 - 5000);
        ProducerBatch batch = readyDrain.drain(cluster, Set.of(NODE1), 1 << 20, 10).get(1).get(0);
        assertThat(RecordBatch.wrap(batch.records()).recordCount()).isEqualTo(1);
    }
}
