package io.ferrymq.it.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.TopicAdmin;
import io.ferrymq.client.common.serialization.StringDeserializer;
import io.ferrymq.client.consumer.FerryConsumer;
import io.ferrymq.client.consumer.internals.group.OffsetAndMetadata;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest;
import io.ferrymq.it.harness.FerryCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: one group, two protocols. Kafka's consumer on the Kafka listener and Ferry's consumer
 * on Ferry's listener join the same group, served by the same broker-side coordinator: both get
 * partitions, together they own all of them, every record produced after the group settled is
 * consumed exactly once by one of them, and the offsets each committed are the group's offsets
 * as both protocols read them (Kafka's Admin client, Ferry's consumer).
 */
class MixedGroupIT {

    private static final String TOPIC = "mixed";
    private static final String GROUP = "mixed-group";
    private static final int PARTITIONS = 6;
    private static final int RECORDS = 600;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private FerryCluster cluster;

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void kafkaAndFerryConsumersShareOneGroupItsPartitionsAndItsOffsets() throws Exception {
        cluster = FerryCluster.builder(dir).kafkaListener().start();
        TopicAdmin.createTopic(cluster.bootstrapServers(), new CreateTopicsRequest.TopicSpec(TOPIC, PARTITIONS, (short) 3,
                Map.of()), WAIT);
        TopicAdmin.awaitFullyReplicated(cluster.bootstrapServers(), TOPIC, PARTITIONS, WAIT);
        Map<Integer, Long> ends;
        List<String> kafkaValues;
        List<String> ferryValues;
        try (GroupMember kafka = GroupMember.kafka(cluster.kafkaBootstrap(), GROUP, TOPIC);
             GroupMember ferry = GroupMember.ferry(cluster.bootstrapServers(), GROUP, TOPIC)) {
            await("both members own partitions, all of them between them").atMost(WAIT).until(() -> {
                assertThat(kafka.error()).isEmpty();
                assertThat(ferry.error()).isEmpty();
                Set<Integer> all = new HashSet<>(kafka.assignment());
                all.addAll(ferry.assignment());
                return !kafka.assignment().isEmpty() && !ferry.assignment().isEmpty() && all.size() == PARTITIONS
                        && kafka.assignment().size() + ferry.assignment().size() == PARTITIONS;
            });
            ends = produce();
            await("every record consumed").atMost(WAIT)
                    .until(() -> kafka.values().size() + ferry.values().size() >= RECORDS);
            kafkaValues = kafka.values();
            ferryValues = ferry.values();
            assertThat(kafka.error()).isEmpty();
            assertThat(ferry.error()).isEmpty();
        }

        assertThat(kafkaValues).as("consumed by Kafka's consumer").isNotEmpty();
        assertThat(ferryValues).as("consumed by Ferry's consumer").isNotEmpty();
        List<String> all = new ArrayList<>(kafkaValues);
        all.addAll(ferryValues);
        assertThat(all).as("every record consumed exactly once").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, RECORDS).mapToObj(i -> "m" + i).toList());
        assertThat(kafkaCommitted()).as("the group's offsets as Kafka's Admin client reads them").isEqualTo(ends);
        assertThat(ferryCommitted()).as("the group's offsets as Ferry's consumer reads them").isEqualTo(ends);
    }

    /** Sends {@code m0..m<RECORDS-1>}, value i to partition i % 6, and returns each partition's end offset. */
    private Map<Integer, Long> produce() throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrap());
        Map<Integer, Long> ends = new TreeMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                sends.add(producer.send(new ProducerRecord<>(TOPIC, i % PARTITIONS, null, "m" + i)));
            }
            for (Future<RecordMetadata> send : sends) {
                RecordMetadata meta = send.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                ends.merge(meta.partition(), meta.offset() + 1, Math::max);
            }
        }
        return ends;
    }

    private Map<Integer, Long> kafkaCommitted() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrap()))) {
            Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return new TreeMap<>(offsets.entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset())));
        }
    }

    private Map<Integer, Long> ferryCommitted() {
        Set<io.ferrymq.common.TopicPartition> partitions = IntStream.range(0, PARTITIONS)
                .mapToObj(p -> new io.ferrymq.common.TopicPartition(TOPIC, p)).collect(Collectors.toSet());
        try (FerryConsumer<String, String> consumer = new FerryConsumer<>(Map.of("bootstrap.servers",
                cluster.bootstrapServers(), "group.id", GROUP, "client.id", "ferry-offsets"),
                new StringDeserializer(), new StringDeserializer())) {
            Map<io.ferrymq.common.TopicPartition, OffsetAndMetadata> offsets = consumer.committed(partitions);
            return new TreeMap<>(offsets.entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset())));
        }
    }
}
