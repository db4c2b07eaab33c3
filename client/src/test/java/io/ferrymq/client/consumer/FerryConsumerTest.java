package io.ferrymq.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.errors.WakeupException;
import io.ferrymq.client.common.internals.InMemoryCluster;
import io.ferrymq.client.common.serialization.StringDeserializer;
import io.ferrymq.client.common.serialization.StringSerializer;
import io.ferrymq.client.consumer.internals.Deserializers;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.ProducerConfig;
import io.ferrymq.client.producer.ProducerRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FerryConsumerTest {

    private static final TopicPartition TP0 = new TopicPartition("t", 0);
    private static final TopicPartition TP1 = new TopicPartition("t", 1);

    private final InMemoryCluster cluster = new InMemoryCluster(2);
    private final List<FerryConsumer<String, String>> consumers = new ArrayList<>();
    private FerryProducer<String, String> producer;

    @BeforeEach
    void start() {
        cluster.createTopic("t", 2);
        producer = new FerryProducer<>(ProducerConfig.parse(Map.of("bootstrap.servers", "broker1:9001",
                "linger.ms", "1", "batch.size", "300")), new StringSerializer(), new StringSerializer(), cluster,
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        consumers.forEach(FerryConsumer::close);
        producer.close(Duration.ofSeconds(5));
        cluster.close();
    }

    private FerryConsumer<String, String> consumer(Object... overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", "broker1:9001");
        props.put("fetch.max.wait.ms", "50");
        props.put("retry.backoff.ms", "10");
        for (int i = 0; i < overrides.length; i += 2) {
            props.put((String) overrides[i], overrides[i + 1]);
        }
        FerryConsumer<String, String> consumer = new FerryConsumer<>(ConsumerConfig.parse(props),
                new Deserializers<>(new StringDeserializer(), new StringDeserializer()), cluster, Clock.systemUTC());
        consumers.add(consumer);
        return consumer;
    }

    private void produce(int partition, int from, int to) {
        for (int i = from; i < to; i++) {
            producer.send(new ProducerRecord<>("t", partition, "k" + i, "v" + i));
        }
        producer.flush();
    }

    private static List<ConsumerRecord<String, String>> pollUntil(Consumer<String, String> consumer, int count) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 10_000;
        while (all.size() < count && System.currentTimeMillis() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(all::add);
        }
        return all;
    }

    @Test
    void readsFromTheBeginningInOrderWithinMaxPollRecords() {
        produce(0, 0, 100);
        FerryConsumer<String, String> consumer = consumer("auto.offset.reset", "earliest", "max.poll.records", "7");
        consumer.assign(List.of(TP0));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 10_000;
        while (records.size() < 100 && System.currentTimeMillis() < deadline) {
            ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(100));
            assertThat(batch.count()).isLessThanOrEqualTo(7);
            batch.forEach(records::add);
        }
        assertThat(records).extracting(ConsumerRecord::offset).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, 100).boxed().toList());
        assertThat(records.get(42).key()).isEqualTo("k42");
        assertThat(records.get(42).value()).isEqualTo("v42");
        assertThat(consumer.position(TP0)).isEqualTo(100);
    }

    @Test
    void theNextFetchIsSentBeforePollReturnsRecords() {
        produce(0, 0, 10);
        FerryConsumer<String, String> consumer = consumer("auto.offset.reset", "earliest");
        consumer.assign(List.of(TP0));
        ConsumerRecords<String, String> records = ConsumerRecords.empty();
        long deadline = System.currentTimeMillis() + 10_000;
        while (records.isEmpty() && System.currentTimeMillis() < deadline) {
            records = consumer.poll(Duration.ofMillis(100));
        }
        assertThat(records.count()).isEqualTo(10);
        assertThat(cluster.fetchRequests()).isEqualTo(cluster.lastFetchWithRecords() + 1);
    }

    @Test
    void latestResetSkipsExistingRecords() {
        produce(1, 0, 10);
        FerryConsumer<String, String> consumer = consumer();
        consumer.assign(List.of(TP1));
        assertThat(consumer.position(TP1)).isEqualTo(10);
        produce(1, 10, 15);
        assertThat(pollUntil(consumer, 5)).extracting(ConsumerRecord::value)
                .containsExactly("v10", "v11", "v12", "v13", "v14");
    }

    @Test
    void seekIntoTheMiddleOfABatchStartsAtThatOffset() {
        produce(0, 0, 50);
        FerryConsumer<String, String> consumer = consumer();
        consumer.assign(List.of(TP0));
        consumer.seek(TP0, 23);
        List<ConsumerRecord<String, String>> records = pollUntil(consumer, 27);
        assertThat(records).hasSize(27);
        assertThat(records.get(0).offset()).isEqualTo(23);
        assertThat(records.get(0).value()).isEqualTo("v23");
    }

    @Test
    void pausedPartitionsAreNotReturnedUntilResumed() {
        produce(0, 0, 5);
        produce(1, 0, 5);
        FerryConsumer<String, String> consumer = consumer("auto.offset.reset", "earliest");
        consumer.assign(List.of(TP0, TP1));
        consumer.pause(List.of(TP1));
        List<ConsumerRecord<String, String>> first = pollUntil(consumer, 5);
        assertThat(first).extracting(ConsumerRecord::partition).containsOnly(0);
        assertThat(consumer.poll(Duration.ofMillis(200)).isEmpty()).isTrue();
        consumer.resume(List.of(TP1));
        assertThat(pollUntil(consumer, 5)).extracting(ConsumerRecord::partition).containsOnly(1).hasSize(5);
    }

    @Test
    void outOfRangePositionIsResetWithTheConfiguredStrategy() {
        produce(0, 0, 3);
        FerryConsumer<String, String> consumer = consumer("auto.offset.reset", "earliest");
        consumer.assign(List.of(TP0));
        consumer.seek(TP0, 1000);
        assertThat(pollUntil(consumer, 3)).extracting(ConsumerRecord::offset).containsExactly(0L, 1L, 2L);
    }

    @Test
    void resetNoneWithoutPositionFails() {
        FerryConsumer<String, String> consumer = consumer("auto.offset.reset", "none");
        consumer.assign(List.of(TP0));
        assertThatThrownBy(() -> consumer.poll(Duration.ofMillis(10))).isInstanceOf(NoOffsetForPartitionException.class)
                .hasMessageContaining("t-0");
    }

    @Test
    void subscribingOrCommittingNeedsAGroupAndPollNeedsPartitions() {
        FerryConsumer<String, String> consumer = consumer();
        assertThatThrownBy(() -> consumer.poll(Duration.ofMillis(10))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not subscribed");
        assertThatThrownBy(() -> consumer.subscribe(List.of("t"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("group.id");
        assertThatThrownBy(consumer::commitSync).hasMessageContaining("group.id");
        assertThat(consumer.subscription()).isEmpty();
    }

    @Test
    void wakeupInterruptsALongPollOnce() throws Exception {
        FerryConsumer<String, String> consumer = consumer();
        consumer.assign(List.of(TP0));
        consumer.wakeup();
        assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(30))).isInstanceOf(WakeupException.class);
        assertThat(consumer.poll(Duration.ofMillis(10)).isEmpty()).isTrue();
    }

    @Test
    void beginningAndEndOffsetsAreListed() {
        produce(0, 0, 12);
        FerryConsumer<String, String> consumer = consumer();
        assertThat(consumer.beginningOffsets(List.of(TP0, TP1))).isEqualTo(Map.of(TP0, 0L, TP1, 0L));
        assertThat(consumer.endOffsets(List.of(TP0, TP1))).isEqualTo(Map.of(TP0, 12L, TP1, 0L));
        assertThat(consumer.partitionsFor("t")).hasSize(2);
    }

    @Test
    void anotherThreadCannotUseTheConsumerConcurrently() throws Exception {
        FerryConsumer<String, String> consumer = consumer();
        consumer.assign(List.of(TP0));
        CompletableFuture<Void> polling = CompletableFuture.runAsync(() -> consumer.poll(Duration.ofMillis(1500)));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(consumer::assignment).isInstanceOf(ConcurrentModificationException.class));
        polling.get(10, TimeUnit.SECONDS);
        assertThat(consumer.assignment()).containsExactly(TP0);
    }
}
