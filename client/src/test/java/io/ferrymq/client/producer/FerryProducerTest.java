package io.ferrymq.client.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.Murmur2;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.errors.TimeoutException;
import io.ferrymq.client.common.internals.InMemoryCluster;
import io.ferrymq.client.common.serialization.StringSerializer;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.record.Record;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FerryProducerTest {

    private final InMemoryCluster cluster = new InMemoryCluster(3);
    private final List<FerryProducer<String, String>> producers = new ArrayList<>();

    @AfterEach
    void stop() {
        producers.forEach(p -> p.close(Duration.ofSeconds(5)));
        cluster.close();
    }

    private FerryProducer<String, String> producer(Object... overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", "broker1:9001");
        props.put("linger.ms", "2");
        props.put("retry.backoff.ms", "10");
        for (int i = 0; i < overrides.length; i += 2) {
            props.put((String) overrides[i], overrides[i + 1]);
        }
        FerryProducer<String, String> producer = new FerryProducer<>(ProducerConfig.parse(props),
                new StringSerializer(), new StringSerializer(), cluster, Clock.systemUTC());
        producers.add(producer);
        return producer;
    }

    private static List<String> values(List<Record> records) {
        return records.stream().map(r -> StandardCharsets.UTF_8.decode(r.value().orElseThrow()).toString()).toList();
    }

    @Test
    void keyedRecordsLandOnMurmur2PartitionsInOrderWithDenseOffsets() throws Exception {
        cluster.createTopic("t", 3);
        FerryProducer<String, String> producer = producer("batch.size", "512");
        Map<Integer, List<String>> expected = new HashMap<>();
        List<Future<RecordMetadata>> futures = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String key = "k" + (i % 17);
            int partition = Murmur2.partitionForKey(key.getBytes(StandardCharsets.UTF_8), 3);
            expected.computeIfAbsent(partition, p -> new ArrayList<>()).add("v" + i);
            futures.add(producer.send(new ProducerRecord<>("t", key, "v" + i)));
        }
        producer.flush();
        Map<Integer, Long> nextOffset = new HashMap<>();
        for (Future<RecordMetadata> future : futures) {
            RecordMetadata metadata = future.get(0, TimeUnit.SECONDS);
            long next = nextOffset.getOrDefault(metadata.partition(), 0L);
            assertThat(metadata.offset()).isEqualTo(next);
            nextOffset.put(metadata.partition(), next + 1);
        }
        for (int p = 0; p < 3; p++) {
            assertThat(values(cluster.records(new TopicPartition("t", p)))).isEqualTo(expected.get(p));
        }
    }

    @Test
    void retriableErrorsAreRetriedAfterAMetadataRefreshKeepingPartitionOrder() throws Exception {
        cluster.createTopic("t", 1);
        TopicPartition tp = new TopicPartition("t", 0);
        FerryProducer<String, String> producer = producer("batch.size", "256");
        producer.send(new ProducerRecord<>("t", "warm-up")).get(10, TimeUnit.SECONDS);
        int metadataBefore = cluster.metadataRequests();
        cluster.failNextProduces(tp, ErrorCode.NOT_LEADER_OR_FOLLOWER, ErrorCode.LEADER_NOT_AVAILABLE,
                ErrorCode.REQUEST_TIMED_OUT);
        cluster.moveLeaders();
        List<Long> callbackOffsets = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 500; i++) {
            producer.send(new ProducerRecord<>("t", 0, null, "v" + i), (m, e) -> callbackOffsets.add(m.offset()));
        }
        producer.flush();
        List<String> written = values(cluster.records(tp));
        assertThat(written).hasSize(501);
        for (int i = 0; i < 500; i++) {
            assertThat(written.get(i + 1)).isEqualTo("v" + i);
        }
        assertThat(callbackOffsets).isSorted().hasSize(500);
        assertThat(cluster.metadataRequests()).isGreaterThan(metadataBefore);
    }

    @Test
    void nonRetriableErrorFailsTheRecordNamingTopicPartitionAndReason() throws Exception {
        cluster.createTopic("t", 2);
        FerryProducer<String, String> producer = producer();
        cluster.failNextProduces(new TopicPartition("t", 1), ErrorCode.MESSAGE_TOO_LARGE);
        List<Exception> callbackErrors = new ArrayList<>();
        Future<RecordMetadata> future = producer.send(new ProducerRecord<>("t", 1, "k", "v"),
                (m, e) -> callbackErrors.add(e));
        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ApiException.class)
                .hasMessageContaining("MESSAGE_TOO_LARGE").hasMessageContaining("t-1");
        assertThat(callbackErrors).hasSize(1);
        assertThat(producer.send(new ProducerRecord<>("t", 1, "k", "v2")).get(10, TimeUnit.SECONDS).offset()).isZero();
    }

    @Test
    void inFlightRequestsPerBrokerAndPerPartitionAreBounded() throws Exception {
        cluster.createTopic("t", 6);
        cluster.setProduceDelayMs(20);
        FerryProducer<String, String> producer = producer("batch.size", "200", "max.in.flight.requests.per.connection", "1",
                "linger.ms", "0");
        for (int i = 0; i < 600; i++) {
            producer.send(new ProducerRecord<>("t", i % 6, null, "value-" + i));
        }
        producer.flush();
        assertThat(cluster.maxPartitionInFlight()).isEqualTo(1);
        assertThat(cluster.maxProducesInFlight()).isEqualTo(1);
        for (int p = 0; p < 6; p++) {
            List<String> values = values(cluster.records(new TopicPartition("t", p)));
            assertThat(values).hasSize(100);
            for (int j = 0; j < 100; j++) {
                assertThat(values.get(j)).isEqualTo("value-" + (j * 6 + p));
            }
        }
    }

    @Test
    void unknownTopicFailsAfterMaxBlock() {
        FerryProducer<String, String> producer = producer("max.block.ms", "200");
        Future<RecordMetadata> future = producer.send(new ProducerRecord<>("missing", "v"));
        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(TimeoutException.class).hasMessageContaining("Topic missing not present in metadata after 200 ms");
    }

    @Test
    void unreachableBrokersExpireRecordsAtTheDeliveryTimeout() {
        cluster.createTopic("t", 1);
        FerryProducer<String, String> producer = producer("delivery.timeout.ms", "400", "request.timeout.ms", "300",
                "linger.ms", "0");
        producer.partitionsFor("t");
        cluster.setUnreachable(true);
        Future<RecordMetadata> future = producer.send(new ProducerRecord<>("t", "v"));
        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("t-0");
    }

    @Test
    void acksZeroCompletesWithoutOffset() throws Exception {
        cluster.createTopic("t", 1);
        FerryProducer<String, String> producer = producer("acks", "0");
        RecordMetadata metadata = producer.send(new ProducerRecord<>("t", "v")).get(10, TimeUnit.SECONDS);
        assertThat(metadata.hasOffset()).isFalse();
        assertThat(values(cluster.records(new TopicPartition("t", 0)))).containsExactly("v");
    }

    @Test
    void closeSendsWhatIsBufferedAndRefusesNewRecords() throws Exception {
        cluster.createTopic("t", 2);
        FerryProducer<String, String> producer = producer("linger.ms", "60000", "delivery.timeout.ms", "120000");
        Future<RecordMetadata> pending = producer.send(new ProducerRecord<>("t", "k", "v"));
        assertThat(pending.isDone()).isFalse();
        producer.close(Duration.ofSeconds(10));
        assertThat(pending.get(0, TimeUnit.SECONDS).offset()).isZero();
        assertThatThrownBy(() -> producer.send(new ProducerRecord<>("t", "x"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeWithZeroTimeoutFailsRecordsThatCannotBeSent() {
        cluster.createTopic("t", 1);
        FerryProducer<String, String> producer = producer();
        producer.partitionsFor("t");
        cluster.setUnreachable(true);
        Future<RecordMetadata> pending = producer.send(new ProducerRecord<>("t", "v"));
        producer.close(Duration.ZERO);
        assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }

    @Test
    void recordLargerThanMaxRequestSizeIsRefusedBeforeBuffering() {
        cluster.createTopic("t", 1);
        FerryProducer<String, String> producer = producer("max.request.size", "1000");
        Future<RecordMetadata> future = producer.send(new ProducerRecord<>("t", "x".repeat(2000)));
        assertThatThrownBy(() -> future.get(1, TimeUnit.SECONDS)).cause().isInstanceOf(ApiException.class)
                .hasMessageContaining("MESSAGE_TOO_LARGE").hasMessageContaining("max.request.size");
    }
}
