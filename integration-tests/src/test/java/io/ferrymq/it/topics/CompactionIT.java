package io.ferrymq.it.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.BrokerProcess;
import io.ferrymq.it.harness.Commands;
import io.ferrymq.it.harness.FerryCluster;
import io.ferrymq.it.harness.FerryLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.FileRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log compaction on a 2-broker cluster (issue 21), through Kafka's clients: a compacted topic (RF 2,
 * small segments, {@code min.cleanable.dirty.ratio=0.01}, {@code delete.retention.ms=6000}) takes many
 * updates of a key set and tombstones; each replica's cleaner compacts its own log. Checked: the latest
 * value of every key survives, deleted keys show their tombstone then vanish after
 * {@code delete.retention.ms}, offsets only increase on every replica, a replica killed with kill -9
 * while producing and cleaning go on loses nothing after its restart, Kafka's
 * {@code kafka.tools.DumpLogSegments --deep-iteration} reads every cleaned segment, and a record
 * without a key is refused (INVALID_RECORD).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompactionIT {

    private static final String TOPIC = "compacted";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final int KEYS = 40;
    private static final int DELETED = 8;
    private static final String PADDING = "x".repeat(60);

    private Path work;
    private FerryCluster cluster;
    private Admin admin;
    private final Map<String, String> expected = new LinkedHashMap<>();

    @BeforeAll
    void startCluster(@TempDir Path dir) throws Exception {
        work = dir;
        cluster = FerryCluster.builder(work.resolve("cluster")).brokers(2).kafkaListener()
                .brokerConfig("log.cleaner.backoff.ms", "100")
                .brokerConfig("log.cleaner.dedupe.buffer.size", "1048576")
                .brokerConfig("replica.high.watermark.checkpoint.interval.ms", "200")
                .brokerConfig("replica.lag.time.max.ms", "3000").start();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrap());
        admin = Admin.create(props);
        admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 2).configs(Map.of("cleanup.policy", "compact",
                "segment.bytes", "4096", "min.cleanable.dirty.ratio", "0.01", "delete.retention.ms", "6000"))))
                .all().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    void stopCluster() {
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void compactedTopicKeepsLatestValuesDropsDeletesAndSurvivesAKill() throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            for (int round = 0; round < 15; round++) {
                sendRound(producer, round, 0, KEYS);
            }
            for (int k = 0; k < DELETED; k++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, key(k), null)).get(30, TimeUnit.SECONDS);
                expected.put(key(k), null);
            }
            for (int round = 15; round < 20; round++) {
                sendRound(producer, round, DELETED, KEYS - DELETED);
            }
        }
        long produced = KEYS * 15L + DELETED + (KEYS - DELETED) * 5L;

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            for (BrokerProcess broker : cluster.brokers()) {
                assertThat(replicaRecords(broker).size()).as("records kept by broker %d", broker.id())
                        .isLessThan((int) (produced / 3));
            }
        });
        assertThat(consumeLatest()).as("latest value of every key, and the tombstones of deleted keys")
                .isEqualTo(expected);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(consumeLatest()).as("deleted keys are gone after delete.retention.ms")
                        .isEqualTo(withoutTombstones(expected)));
        for (BrokerProcess broker : cluster.brokers()) {
            assertThat(latestOf(replicaRecords(broker))).as("broker %d", broker.id())
                    .isEqualTo(withoutTombstones(expected));
        }

        killOneReplicaWhileProducingAndCleaning();
        for (BrokerProcess broker : cluster.brokers()) {
            dumpLogSegmentsReads(broker);
        }
    }

    @Test
    void aRecordWithoutAKeyIsRefused() throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            assertThat(producer.send(new ProducerRecord<>(TOPIC, 0, null, "keyless")))
                    .failsWithin(Duration.ofSeconds(30)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(InvalidRecordException.class)
                    .withMessageContaining("Compacted topic cannot accept message without key");
        }
    }

    private void killOneReplicaWhileProducingAndCleaning() throws Exception {
        int victim = cluster.brokers().get(1).id();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int round = 20; round < 40; round++) {
                sendRound(producer, round, DELETED, KEYS - DELETED);
                if (round == 30) {
                    cluster.kill9(victim);
                }
            }
        }
        cluster.start(victim);
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(cluster.partitionState(new io.ferrymq.common.TopicPartition(TOPIC, 0)).orElseThrow().isr())
                    .contains(victim);
            assertThat(latestOf(replicaRecords(cluster.broker(victim)))).as("the killed replica after its restart")
                    .isEqualTo(withoutTombstones(expected));
        });
        assertThat(consumeLatest()).isEqualTo(withoutTombstones(expected));
    }

    private void sendRound(KafkaProducer<String, String> producer, int round, int firstKey, int keys)
            throws Exception {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (int k = firstKey; k < firstKey + keys; k++) {
            String value = "v" + round + "-" + k + "-" + PADDING;
            sent.add(producer.send(new ProducerRecord<>(TOPIC, 0, key(k), value)));
            expected.put(key(k), value);
        }
        for (java.util.concurrent.Future<?> future : sent) {
            future.get(30, TimeUnit.SECONDS);
        }
    }

    private static String key(int k) {
        return "key-" + k;
    }

    private static Map<String, String> withoutTombstones(Map<String, String> map) {
        return map.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b, LinkedHashMap::new));
    }

    /**
     * Every record of the partition from the beginning, checking offsets only increase; key to latest
     * value (null for a tombstone).
     */
    private Map<String, String> consumeLatest() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrap());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, String> latest = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(TP));
            consumer.seekToBeginning(List.of(TP));
            long end = consumer.endOffsets(List.of(TP)).get(TP);
            long previous = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.position(TP) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    assertThat(record.offset()).as("consumed offsets increase").isGreaterThan(previous);
                    previous = record.offset();
                    latest.put(record.key(), record.value());
                }
            }
            assertThat(consumer.position(TP)).as("consumed to the end").isEqualTo(end);
        }
        return latest;
    }

    /** Key to latest value (null for a tombstone) of records in log order. */
    private static Map<String, String> latestOf(List<Record> records) {
        Map<String, String> latest = new HashMap<>();
        for (Record record : records) {
            String key = StandardCharsets.UTF_8.decode(record.key()).toString();
            latest.put(key, record.hasValue() ? StandardCharsets.UTF_8.decode(record.value()).toString() : null);
        }
        return latest;
    }

    /**
     * The records of one replica, read from a copy of its partition directory by Kafka's own
     * {@link FileRecords}, checking every batch and that offsets only increase across segments.
     */
    private List<Record> replicaRecords(BrokerProcess broker) throws IOException {
        Path copy = snapshot(broker);
        List<Record> records = new ArrayList<>();
        long previous = -1;
        for (Path segment : logFiles(copy)) {
            try (FileRecords file = FileRecords.open(segment.toFile(), false)) {
                for (FileChannelRecordBatch batch : file.batches()) {
                    batch.ensureValid();
                    for (Record record : batch) {
                        assertThat(record.offset()).as("offsets of broker %d in %s", broker.id(), segment)
                                .isGreaterThan(previous);
                        previous = record.offset();
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    /** Kafka's DumpLogSegments --deep-iteration reads every segment of the replica (a copy, files stay put). */
    private void dumpLogSegmentsReads(BrokerProcess broker) throws IOException {
        Path classpath = Path.of("target", "kafka-tools.classpath").toAbsolutePath();
        assertThat(classpath).as("the tools' class path written by the pom").isRegularFile();
        Path copy = snapshot(broker);
        String files = logFiles(copy).stream().map(Path::toString).collect(Collectors.joining(","));
        FerryLauncher.Result result = Commands.run(work.resolve("dump-" + broker.id()), "dump-log-segments",
                Duration.ofSeconds(60), List.of(Commands.java(), "-cp", Files.readString(classpath).trim(),
                        "kafka.tools.DumpLogSegments", "--deep-iteration", "--files", files));
        assertThat(result.exitCode()).as("DumpLogSegments\n%s", result).isZero();
        String out = result.stdout();
        assertThat(out).as("DumpLogSegments output").contains("baseOffset:", "| offset:")
                .doesNotContain("Exception", "Found a corrupted");
        long listed = out.lines().filter(l -> l.startsWith("| offset:")).count();
        assertThat(listed).as("records DumpLogSegments lists for broker %d", broker.id())
                .isEqualTo(replicaRecordsIn(copy));
    }

    private static long replicaRecordsIn(Path copy) throws IOException {
        long count = 0;
        for (Path segment : logFiles(copy)) {
            try (FileRecords file = FileRecords.open(segment.toFile(), false)) {
                for (FileChannelRecordBatch batch : file.batches()) {
                    for (Record ignored : batch) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /** A copy of the partition directory; files the broker renames or deletes meanwhile are skipped. */
    private Path snapshot(BrokerProcess broker) throws IOException {
        Path source = partitionDir(broker);
        Path copy = Files.createTempDirectory(work, "replica-" + broker.id() + "-").resolve(TOPIC + "-0");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                if (file.getFileName().toString().endsWith(".log")) {
                    try {
                        Files.copy(file, copy.resolve(file.getFileName()));
                    } catch (NoSuchFileException gone) {
                        // renamed .deleted by the cleaner between the listing and the copy: cleaned away
                    }
                }
            }
        }
        return copy;
    }

    private static Path partitionDir(BrokerProcess broker) throws IOException {
        try (Stream<Path> found = Files.walk(broker.dataDir())) {
            return found.filter(p -> p.getFileName().toString().equals(TOPIC + "-0") && Files.isDirectory(p))
                    .findFirst().orElseThrow(() -> new UncheckedIOException(new IOException(
                            "no " + TOPIC + "-0 under " + broker.dataDir())));
        }
    }

    private static List<Path> logFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
