package io.ferrymq.it.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.TopicAdmin;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.serialization.ByteArrayDeserializer;
import io.ferrymq.client.common.serialization.StringSerializer;
import io.ferrymq.client.consumer.ConsumerRecord;
import io.ferrymq.client.consumer.FerryConsumer;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.ProducerRecord;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.KafkaTestData;
import io.ferrymq.common.record.RecordBatch;
import io.ferrymq.common.record.RecordBatches;
import io.ferrymq.it.harness.FerryCluster;
import io.ferrymq.it.replication.LogVerifier;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every codec end to end through three real broker processes: the producer compresses, the leader
 * validates (inflating as a capped stream), the followers copy the batches as they are, a consumer
 * reads every record back in order, and each replica's segment files hold the same batches with the
 * producer's codec. Kafka's own compressed segments, placed in a broker's data directory, are served
 * to a consumer exactly as Kafka's consumer read them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompressionIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PARTITIONS = 2;
    private static final int RECORDS = 3_000;

    private FerryCluster cluster;

    @BeforeAll
    void start(@TempDir Path dir) {
        cluster = FerryCluster.builder(dir).brokers(3).start();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void everyCodecIsProducedReplicatedAndConsumed(CompressionType codec) throws Exception {
        produceReplicateConsume("codec-" + codec.configName(), codec, TopicAdmin.minInsyncReplicas(2), codec);
    }

    @org.junit.jupiter.api.Test
    void aTopicCodecRecompressesOnTheLeaderAndEveryReplicaStoresIt() throws Exception {
        produceReplicateConsume("topic-zstd", CompressionType.GZIP,
                Map.of("min.insync.replicas", "2", "compression.type", "zstd"), CompressionType.ZSTD);
    }

    private void produceReplicateConsume(String topic, CompressionType codec, Map<String, String> topicConfigs,
                                         CompressionType stored) throws Exception {
        TopicAdmin.createTopic(cluster.bootstrapServers(), new CreateTopicsRequest.TopicSpec(topic, PARTITIONS,
                (short) 3, topicConfigs), WAIT);
        TopicAdmin.awaitFullyReplicated(cluster.bootstrapServers(), topic, PARTITIONS, WAIT);
        try (FerryProducer<String, String> producer = new FerryProducer<>(Map.of("bootstrap.servers",
                cluster.bootstrapServers(), "acks", "all", "linger.ms", "5", "compression.type", codec.configName()),
                new StringSerializer(), new StringSerializer())) {
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                sends.add(producer.send(new ProducerRecord<>(topic, "k" + (i % 7), value(i))));
            }
            for (Future<?> send : sends) {
                send.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        Map<TopicPartition, List<ConsumerRecord<String, String>>> log =
                LogVerifier.readAll(cluster.bootstrapServers(), topic, PARTITIONS, WAIT);
        List<String> values = log.values().stream().flatMap(List::stream).map(ConsumerRecord::value).sorted().toList();
        assertThat(values).hasSize(RECORDS).doesNotHaveDuplicates()
                .allMatch(v -> v.startsWith("value-") && v.endsWith("-end"));

        Map<TopicPartition, Long> ends = new java.util.TreeMap<>();
        log.forEach((tp, records) -> ends.put(tp, (long) records.size()));
        await().atMost(WAIT).untilAsserted(() -> LogVerifier.assertReplicasIdentical(dataDirs(), topic, ends));
        for (Path dataDir : dataDirs().values()) {
            for (int p = 0; p < PARTITIONS; p++) {
                assertThat(storedCodecs(dataDir.resolve(topic + "-" + p))).containsOnly(stored);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2-gzip", "v2-snappy", "v2-lz4", "v2-zstd"})
    void kafkasCompressedSegmentsAreServedAsKafkasConsumerReadThem(String topic) throws Exception {
        TopicAdmin.createTopic(cluster.bootstrapServers(), new CreateTopicsRequest.TopicSpec(topic, -1, (short) -1,
                Map.of(), Map.of(0, List.of(1))), WAIT);
        TopicAdmin.awaitFullyReplicated(cluster.bootstrapServers(), topic, 1, WAIT);
        cluster.sigterm(1);
        Path partitionDir = cluster.broker(1).dataDir().resolve(topic + "-0");
        try (Stream<Path> files = Files.list(partitionDir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        KafkaTestData.copyFolder(topic + "-0", partitionDir);
        Files.delete(partitionDir.resolve("records.json"));
        Files.delete(partitionDir.resolve("batches.txt"));
        cluster.start(1);
        cluster.broker(1).awaitReady(WAIT);
        cluster.awaitLeader(new TopicPartition(topic, 0), WAIT);

        List<KafkaTestData.ExpectedRecord> expected = KafkaTestData.records(topic + "-0");
        List<ConsumerRecord<byte[], byte[]>> actual = consumeAll(topic, expected.size());
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            KafkaTestData.ExpectedRecord want = expected.get(i);
            ConsumerRecord<byte[], byte[]> got = actual.get(i);
            assertThat(got.offset()).isEqualTo(want.offset());
            assertThat(got.timestamp()).isEqualTo(want.timestamp());
            assertThat(got.key()).isEqualTo(want.key().orElse(null));
            assertThat(got.value()).isEqualTo(want.value().orElse(null));
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> consumeAll(String topic, int count) {
        TopicPartition tp = new TopicPartition(topic, 0);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (FerryConsumer<byte[], byte[]> consumer = new FerryConsumer<>(Map.of("bootstrap.servers",
                cluster.bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            await().atMost(WAIT).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= count;
            });
        }
        return out;
    }

    private Map<Integer, Path> dataDirs() {
        Map<Integer, Path> dirs = new java.util.TreeMap<>();
        cluster.brokers().forEach(b -> dirs.put(b.id(), b.dataDir()));
        return dirs;
    }

    private static List<CompressionType> storedCodecs(Path partitionDir) throws IOException {
        List<CompressionType> codecs = new ArrayList<>();
        try (Stream<Path> files = Files.list(partitionDir)) {
            for (Path segment : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                for (RecordBatch batch : RecordBatches.wrap(ByteBuffer.wrap(Files.readAllBytes(segment)))) {
                    codecs.add(batch.compression());
                }
            }
        }
        return codecs;
    }

    /** A value of 20-400 bytes that compresses (repeated text), unique per index. */
    private static String value(int i) {
        return "value-" + i + "-" + "abcdefgh".repeat(2 + i % 50) + "-end";
    }
}
