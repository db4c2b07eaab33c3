package io.ferrymq.it.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.Broker;
import io.ferrymq.broker.config.BrokerConfig;
import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.admin.FerryAdmin;
import io.ferrymq.client.admin.NewTopic;
import io.ferrymq.common.Murmur2;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.serialization.StringDeserializer;
import io.ferrymq.client.common.serialization.StringSerializer;
import io.ferrymq.client.consumer.ConsumerRecord;
import io.ferrymq.client.consumer.ConsumerRecords;
import io.ferrymq.client.consumer.FerryConsumer;
import io.ferrymq.client.consumer.OffsetAndTimestamp;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.ProducerRecord;
import io.ferrymq.client.producer.RecordMetadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clients against one real broker on an embedded ZooKeeper: 100,000 keyed records with
 * acks=1 come back complete, in per-partition order and on the key's murmur2 partition; a consumer
 * long poll returns soon after an append rather than at {@code fetch.max.wait.ms}; ListOffsets
 * finds offsets by timestamp.
 */
class ProduceConsumeIT {

    private static final int PARTITIONS = 6;

    @TempDir
    Path dir;

    private TestingServer zookeeper;
    private Broker broker;
    private String bootstrap;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        zookeeper = new TestingServer(true);
        broker = Broker.start(BrokerConfig.of(Map.of(
                "broker.id", "1",
                "listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", dir.resolve("logs").toString(),
                "zookeeper.connect", zookeeper.getConnectString(),
                "zookeeper.session.timeout.ms", "10000",
                "num.network.threads", "1",
                "num.io.threads", "2")));
        bootstrap = "127.0.0.1:" + broker.boundAddress().getPort();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        if (broker != null) {
            broker.close();
        }
        zookeeper.close();
    }

    private <T extends AutoCloseable> T track(T client) {
        clients.add(client);
        return client;
    }

    private void createTopic(String name, int partitions) {
        Admin admin = track(FerryAdmin.create(Map.of("bootstrap.servers", bootstrap)));
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)));
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.describeTopics(List.of(name)).get(name).partitions()
                .stream().filter(p -> p.leader().isPresent()).count() == partitions);
    }

    private FerryProducer<String, String> producer(String acks) {
        return track(new FerryProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", acks, "linger.ms", "5"),
                new StringSerializer(), new StringSerializer()));
    }

    private FerryConsumer<String, String> consumer(Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put("bootstrap.servers", bootstrap);
        return track(new FerryConsumer<>(props, new StringDeserializer(), new StringDeserializer()));
    }

    @Test
    void hundredThousandKeyedRecordsComeBackCompleteInPartitionOrderOnTheKeysPartition() throws Exception {
        createTopic("orders", PARTITIONS);
        FerryProducer<String, String> producer = producer("1");
        int count = 100_000;
        AtomicInteger acked = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (int i = 0; i < count; i++) {
            String key = "key-" + (i % 1000);
            producer.send(new ProducerRecord<>("orders", key, String.valueOf(i)), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                } else {
                    acked.incrementAndGet();
                }
            });
        }
        producer.flush();
        assertThat(failure.get()).isNull();
        assertThat(acked.get()).isEqualTo(count);

        FerryConsumer<String, String> consumer = consumer(Map.of("auto.offset.reset", "earliest"));
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition("orders", p));
        }
        consumer.assign(partitions);
        Map<Integer, List<ConsumerRecord<String, String>>> byPartition = new HashMap<>();
        AtomicInteger read = new AtomicInteger();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ZERO).until(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record);
                read.incrementAndGet();
            }
            return read.get() >= count;
        });
        assertThat(read.get()).isEqualTo(count);
        byPartition.forEach((partition, records) -> {
            for (int i = 0; i < records.size(); i++) {
                ConsumerRecord<String, String> record = records.get(i);
                assertThat(record.offset()).isEqualTo(i);
                assertThat(Murmur2.partitionForKey(record.key().getBytes(StandardCharsets.UTF_8), PARTITIONS))
                        .isEqualTo(partition);
                if (i > 0) {
                    assertThat(Integer.parseInt(record.value()))
                            .isGreaterThan(Integer.parseInt(records.get(i - 1).value()));
                }
            }
        });
        assertThat(consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(count);
    }

    @Test
    void aLongPollReturnsSoonAfterAnAppendNotAtTheMaxWait() throws Exception {
        createTopic("poll", 1);
        TopicPartition tp = new TopicPartition("poll", 0);
        FerryProducer<String, String> producer = producer("1");
        FerryConsumer<String, String> consumer = consumer(Map.of("fetch.max.wait.ms", "10000"));
        consumer.assign(List.of(tp));
        assertThat(consumer.position(tp)).isZero();
        assertThat(consumer.poll(Duration.ofMillis(300)).isEmpty()).isTrue();
        CompletableFuture<Long> appendedAtNanos = CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(300);
                producer.send(new ProducerRecord<>("poll", "k", "hello")).get(30, TimeUnit.SECONDS);
                return System.nanoTime();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(30));
        long returnedAtNanos = System.nanoTime();
        assertThat(records.count()).isEqualTo(1);
        long latencyMs = TimeUnit.NANOSECONDS.toMillis(returnedAtNanos - appendedAtNanos.get(30, TimeUnit.SECONDS));
        System.out.println("long-poll return after acknowledged append: " + latencyMs + " ms");
        assertThat(latencyMs).isLessThan(5_000);
    }

    @Test
    void listOffsetsFindsTheFirstRecordAtOrAfterATimestamp() throws Exception {
        createTopic("times", 1);
        TopicPartition tp = new TopicPartition("times", 0);
        FerryProducer<String, String> producer = producer("all");
        for (int i = 0; i < 10; i++) {
            RecordMetadata metadata = producer.send(new ProducerRecord<>("times", OptionalInt.of(0),
                    OptionalLong.of(1_000L * (i + 1)), "k" + i, "v" + i, List.of())).get(30, TimeUnit.SECONDS);
            assertThat(metadata.offset()).isEqualTo(i);
        }
        FerryConsumer<String, String> consumer = consumer(Map.of());
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(Map.of(tp, 4_500L));
        assertThat(found.get(tp)).isEqualTo(new OffsetAndTimestamp(4, 5_000L));
        assertThat(consumer.offsetsForTimes(Map.of(tp, 1_000L)).get(tp).offset()).isZero();
        assertThat(consumer.offsetsForTimes(Map.of(tp, 99_000L))).doesNotContainKey(tp);
        assertThat(consumer.beginningOffsets(List.of(tp))).containsEntry(tp, 0L);
        assertThat(consumer.endOffsets(List.of(tp))).containsEntry(tp, 10L);
    }
}
