package io.ferrymq.it.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.BrokerProcess;
import io.ferrymq.it.harness.FerryCluster;
import io.ferrymq.it.harness.FerryLauncher;
import io.ferrymq.it.harness.FerryLauncher.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, topic configs: a topic created by {@code ferry topics create --config k=v} with overrides,
 * altered live with Kafka's Admin client, runs on every replica (two broker processes) with them:
 * {@code segment.bytes} rolls every replica's log, a shorter {@code retention.ms} deletes old segments
 * on every replica, {@code max.message.bytes} refuses larger records
 * with RECORD_TOO_LARGE, {@code message.timestamp.type=LogAppendTime} gives fetched batches the
 * broker's time; keys Ferry does not implement are refused naming them; {@code ferry topics alter}
 * adds partitions. One cluster for every test; each test has its own topic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicConfigIT {

    private static final Duration CALL = Duration.ofSeconds(60);
    private static final long WAIT_SECONDS = 30;

    private Path work;
    private FerryCluster cluster;
    private Admin admin;

    @BeforeAll
    void startCluster(@TempDir Path dir) {
        work = dir;
        cluster = FerryCluster.builder(work.resolve("cluster")).brokers(2).kafkaListener()
                .brokerConfig("log.retention.check.interval.ms", "300").start();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrap());
        admin = Admin.create(props);
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
    void overridesFromCreateAndALiveAlterTakeEffectOnEveryReplica() throws Exception {
        String topic = "configured";
        Result created = ferry("create", "topics", "create", "--topic", topic, "--partitions", "1",
                "--replication-factor", "2", "--config", "segment.bytes=1024",
                "--config", "message.timestamp.type=LogAppendTime");
        assertThat(created.exitCode()).as(created.toString()).isZero();

        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(
                new AlterConfigOp(new ConfigEntry("max.message.bytes", "600"), AlterConfigOp.OpType.SET),
                new AlterConfigOp(new ConfigEntry("retention.ms", "86400000"), AlterConfigOp.OpType.SET))))
                .all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        Config described = admin.describeConfigs(Set.of(resource)).all().get(WAIT_SECONDS, TimeUnit.SECONDS)
                .get(resource);
        assertThat(described.get("segment.bytes").value()).isEqualTo("1024");
        assertThat(described.get("max.message.bytes").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(described.get("retention.bytes").source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);

        long before = System.currentTimeMillis();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 12; i++) {
                producer.send(new ProducerRecord<>(topic, null, 1_000L + i, "k", "v" + i + "-" + "x".repeat(200)))
                        .get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "big", "y".repeat(700)))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RecordTooLargeException.class);
        }
        await().atMost(Duration.ofSeconds(WAIT_SECONDS)).untilAsserted(() -> {
            for (BrokerProcess broker : cluster.brokers()) {
                assertThat(segmentFiles(broker, topic + "-0")).as("segments of broker %d", broker.id())
                        .hasSizeGreaterThanOrEqualTo(3);
            }
        });

        List<ConsumerRecord<String, String>> fetched = consumeAll(topic, 12);
        assertThat(fetched).hasSize(12).allSatisfy(r -> {
            assertThat(r.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
            assertThat(r.timestamp()).isGreaterThanOrEqualTo(before);
        });
    }

    @Test
    void aShorterRetentionMsSetLiveDeletesOldSegmentsOnEveryReplica() throws Exception {
        String topic = "retained";
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 2).configs(Map.of("segment.bytes", "1024"))))
                .all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        long anHourAgo = System.currentTimeMillis() - 3_600_000L;
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 12; i++) {
                producer.send(new ProducerRecord<>(topic, null, anHourAgo, "k", "v" + i + "-" + "x".repeat(200)))
                        .get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        }
        for (BrokerProcess broker : cluster.brokers()) {
            assertThat(segmentFiles(broker, topic + "-0")).as("segments of broker %d", broker.id())
                    .hasSizeGreaterThanOrEqualTo(3);
        }

        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                new ConfigEntry("retention.ms", "60000"), AlterConfigOp.OpType.SET))))
                .all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(WAIT_SECONDS)).untilAsserted(() -> {
            for (BrokerProcess broker : cluster.brokers()) {
                assertThat(segmentFiles(broker, topic + "-0")).as("segments of broker %d", broker.id()).hasSize(1);
            }
        });
    }

    @Test
    void keysFerryDoesNotImplementAreRefusedAtCreateAndAlterNamingThem() throws Exception {
        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("jittery", 1, (short) 2)
                .configs(Map.of("segment.jitter.ms", "1000")))).all().get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("segment.jitter.ms").hasMessageContaining("not implemented by Ferry");
        admin.createTopics(List.of(new NewTopic("plain", 1, (short) 2))).all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "plain");
        assertThatThrownBy(() -> admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                new ConfigEntry("max.compaction.lag.ms", "1000"), AlterConfigOp.OpType.SET))))
                .all().get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("max.compaction.lag.ms").hasMessageContaining("not implemented");
    }

    @Test
    void topicsAlterAddsPartitions() throws Exception {
        admin.createTopics(List.of(new NewTopic("growing", 1, (short) 2))).all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        Result altered = ferry("alter", "topics", "alter", "--topic", "growing", "--partitions", "3");
        assertThat(altered.exitCode()).as(altered.toString()).isZero();
        assertThat(altered.stdout()).contains("Topic growing now has 3 partitions.");
        assertThat(admin.describeTopics(Set.of("growing")).allTopicNames().get(WAIT_SECONDS, TimeUnit.SECONDS)
                .get("growing").partitions()).hasSize(3);
    }

    private Result ferry(String name, String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--bootstrap-server", cluster.bootstrapServers()))
                .toArray(String[]::new);
        return FerryLauncher.run(work, name, CALL, all);
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private List<ConsumerRecord<String, String>> consumeAll(String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrap());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }

    /**
     * The partition's segment files on one broker. The broker renames and deletes files (checkpoints,
     * deleted segments) while the test looks, so a file gone between listing and reading is skipped.
     */
    private static List<Path> segmentFiles(BrokerProcess broker, String partitionDir) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(broker.dataDir(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (file.getParent().getFileName().toString().equals(partitionDir)
                            && file.getFileName().toString().endsWith(".log")) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException gone) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
