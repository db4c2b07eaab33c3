package io.ferrymq.client.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.internals.InMemoryCluster;
import io.ferrymq.client.common.serialization.StringSerializer;
import io.ferrymq.client.producer.internals.ProducerIdAndEpoch;
import io.ferrymq.client.producer.internals.ProducerIdSource;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.record.Record;
import io.ferrymq.common.record.RecordBatch;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The idempotent producer against the in-memory brokers, which store producer fields but do not deduplicate. */
class IdempotentProducerTest {

    private static final TopicPartition TP = new TopicPartition("t", 0);
    private static final ProducerIdSource IDS = current -> CompletableFuture.completedFuture(
            current.map(ProducerIdAndEpoch::bumpEpoch).orElse(new ProducerIdAndEpoch(1000, (short) 0)));

    private final InMemoryCluster cluster = new InMemoryCluster(3);
    private final List<FerryProducer<String, String>> producers = new ArrayList<>();

    @AfterEach
    void stop() {
        producers.forEach(p -> p.close(Duration.ofSeconds(5)));
        cluster.close();
    }

    private FerryProducer<String, String> producer(ProducerIdSource ids, Object... overrides) {
        Map<String, Object> props = new HashMap<>(Map.of("bootstrap.servers", "broker1:9001", "linger.ms", "0",
                "retry.backoff.ms", "10", "batch.size", "256", "enable.idempotence", "true"));
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                props.remove((String) overrides[i]);
            } else {
                props.put((String) overrides[i], overrides[i + 1]);
            }
        }
        FerryProducer<String, String> producer = new FerryProducer<>(ProducerConfig.parse(props),
                new StringSerializer(), new StringSerializer(), cluster, ids, Clock.systemUTC());
        producers.add(producer);
        return producer;
    }

    private static String value(Record record) {
        return StandardCharsets.UTF_8.decode(record.value().orElseThrow()).toString();
    }

    @Test
    void aBatchWhoseResponseIsLostIsResentWithItsSequenceAndSequencesStayContiguous() throws Exception {
        cluster.createTopic("t", 1);
        FerryProducer<String, String> producer = producer(IDS);
        producer.send(new ProducerRecord<>("t", "warm-up")).get(10, TimeUnit.SECONDS);
        cluster.loseNextProduceResponses(TP, 1);
        List<Future<RecordMetadata>> futures = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            futures.add(producer.send(new ProducerRecord<>("t", "v" + i)));
        }
        producer.flush();
        for (Future<RecordMetadata> future : futures) {
            assertThat(future.get(0, TimeUnit.SECONDS).hasOffset()).isTrue();
        }
        List<RecordBatch> stored = cluster.batches(TP);
        List<RecordBatch> distinct = new ArrayList<>();
        int duplicates = 0;
        for (RecordBatch batch : stored) {
            assertThat(batch.producerId()).isEqualTo(1000);
            assertThat(batch.producerEpoch()).isZero();
            if (!distinct.isEmpty() && batch.baseSequence() < nextSequence(distinct.get(distinct.size() - 1))) {
                duplicates++;
                RecordBatch original = sameSequence(distinct, batch.baseSequence());
                assertThat(batch.recordCount()).isEqualTo(original.recordCount());
                assertThat(batch.crc()).isEqualTo(original.crc());
                continue;
            }
            int expected = distinct.isEmpty() ? 0 : nextSequence(distinct.get(distinct.size() - 1));
            assertThat(batch.baseSequence()).as("contiguous sequences").isEqualTo(expected);
            distinct.add(batch);
        }
        assertThat(duplicates).as("the retried batches are stored again, each with its first sequence").isPositive();
        List<String> values = new ArrayList<>();
        distinct.forEach(batch -> batch.forEach(record -> values.add(value(record))));
        assertThat(values).hasSize(61).startsWith("warm-up", "v0").endsWith("v59");
    }

    private static int nextSequence(RecordBatch batch) {
        return batch.baseSequence() + batch.recordCount();
    }

    private static RecordBatch sameSequence(List<RecordBatch> batches, int sequence) {
        return batches.stream().filter(b -> b.baseSequence() == sequence).findFirst().orElseThrow();
    }

    @Test
    void anOutOfOrderSequenceBumpsTheEpochAndRestartsThePartitionAtZero() throws Exception {
        cluster.createTopic("t", 1);
        FerryProducer<String, String> producer = producer(IDS);
        producer.send(new ProducerRecord<>("t", "first")).get(10, TimeUnit.SECONDS);
        cluster.failNextProduces(TP, ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
        producer.send(new ProducerRecord<>("t", "second")).get(10, TimeUnit.SECONDS);
        List<RecordBatch> stored = cluster.batches(TP);
        assertThat(stored).hasSize(2);
        assertThat(stored.get(0).producerEpoch()).isZero();
        assertThat(stored.get(1).producerId()).isEqualTo(1000);
        assertThat(stored.get(1).producerEpoch()).isEqualTo((short) 1);
        assertThat(stored.get(1).baseSequence()).isZero();
    }

    @Test
    void aFencedEpochFailsEveryPendingSendAndEveryLaterOne() {
        cluster.createTopic("t", 1);
        FerryProducer<String, String> producer = producer(IDS);
        cluster.setProduceDelayMs(300);
        cluster.failNextProduces(TP, ErrorCode.INVALID_PRODUCER_EPOCH);
        Future<RecordMetadata> inFlight = producer.send(new ProducerRecord<>("t", "in flight"));
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.maxProducesInFlight() > 0);
        Future<RecordMetadata> queued = producer.send(new ProducerRecord<>("t", "queued"));
        for (Future<RecordMetadata> pending : List.of(inFlight, queued)) {
            assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ApiException.class).hasMessageContaining("INVALID_PRODUCER_EPOCH");
        }
        Future<RecordMetadata> later = producer.send(new ProducerRecord<>("t", "later"));
        assertThat(later).isDone();
        assertThatThrownBy(() -> later.get(0, TimeUnit.SECONDS)).cause().hasMessageContaining("INVALID_PRODUCER_EPOCH");
        assertThat(cluster.records(TP)).isEmpty();
    }

    @Test
    void explicitIdempotenceWithoutProducerIdsFailsTheSendInsteadOfDroppingIt() {
        cluster.createTopic("t", 1);
        FerryProducer<String, String> producer = producer(ProducerIdSource.unsupported());
        Future<RecordMetadata> future = producer.send(new ProducerRecord<>("t", "v"));
        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(ApiException.class)
                .hasMessageContaining("producer id");
        assertThat(cluster.records(TP)).isEmpty();
    }

    @Test
    void defaultIdempotenceFallsBackForBrokersWithoutProducerIds() throws Exception {
        cluster.createTopic("t", 1);
        FerryProducer<String, String> producer = producer(ProducerIdSource.unsupported(), "enable.idempotence", null);
        producer.send(new ProducerRecord<>("t", "v")).get(10, TimeUnit.SECONDS);
        assertThat(cluster.batches(TP)).singleElement().satisfies(b -> {
            assertThat(b.producerId()).isEqualTo(RecordBatch.NO_PRODUCER_ID);
            assertThat(b.baseSequence()).isEqualTo(RecordBatch.NO_SEQUENCE);
        });
    }
}
