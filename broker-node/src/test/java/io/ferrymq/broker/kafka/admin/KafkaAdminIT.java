package io.ferrymq.broker.kafka.admin;

import io.ferrymq.broker.kafka.KafkaBroker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.Broker;
import io.ferrymq.broker.config.BrokerConfig;
import io.ferrymq.broker.log.LogFiles;
import io.ferrymq.common.TopicPartition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.UnknownTopicIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's own Admin client (kafka-clients 3.9.1) against one real broker's Kafka listener on an
 * embedded ZooKeeper: topic creation with configs, description by name and by topic id, the cluster,
 * configurations, partition growth and deletion by topic id, and configuration changes (accepted only
 * where they take effect on the live logs).
 */
class KafkaAdminIT {

    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;

    private TestingServer zookeeper;
    private Broker broker;
    private Admin admin;

    @BeforeEach
    void start() throws Exception {
        zookeeper = new TestingServer(true);
        broker = KafkaBroker.start(dir.resolve("logs"), zookeeper.getConnectString(), Map.of(
                "min.insync.replicas", "1"));
        InetSocketAddress kafka = broker.boundAddress("KAFKA");
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafka.getPort(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    @AfterEach
    void stop() throws Exception {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (broker != null) {
            broker.close();
        }
        zookeeper.close();
    }

    @Test
    void topicsAreCreatedDescribedGrownAndDeletedById() throws Exception {
        CreateTopicsResult created = admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1)
                .configs(Map.of("compression.type", "lz4"))));
        created.all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(created.numPartitions("orders").get()).isEqualTo(3);
        assertThat(created.replicationFactor("orders").get()).isEqualTo(1);
        Config createdConfig = created.config("orders").get();
        assertThat(createdConfig.get("compression.type").value()).isEqualTo("lz4");
        assertThat(createdConfig.get("compression.type").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);

        TopicDescription described = await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(
                () -> admin.describeTopics(List.of("orders")).allTopicNames().get().get("orders"),
                d -> d.partitions().stream().allMatch(p -> p.leader() != null && p.leader().id() == 1));
        assertThat(described.partitions()).hasSize(3);
        Uuid id = described.topicId();
        assertThat(id).isNotEqualTo(Uuid.ZERO_UUID);
        assertThat(created.topicId("orders").get()).as("CreateTopics v7 waited for the leaders, so knows the id")
                .isEqualTo(id);
        assertThat(admin.listTopics().names().get()).contains("orders");
        Map<Uuid, TopicDescription> byId = admin.describeTopics(TopicCollection.ofTopicIds(List.of(id)))
                .allTopicIds().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(byId.get(id).name()).isEqualTo("orders");
        assertThatThrownBy(() -> admin.describeTopics(TopicCollection.ofTopicIds(List.of(Uuid.randomUuid())))
                .allTopicIds().get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(UnknownTopicIdException.class);

        admin.createPartitions(Map.of("orders", NewPartitions.increaseTo(5))).all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(
                () -> admin.describeTopics(List.of("orders")).allTopicNames().get().get("orders").partitions().size() == 5);

        admin.deleteTopics(TopicCollection.ofTopicIds(List.of(id))).all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> !admin.listTopics().names().get().contains("orders"));
        assertThatThrownBy(() -> admin.describeTopics(List.of("orders")).allTopicNames().get())
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void theClusterIsThisBrokerAtItsKafkaListener() throws Exception {
        DescribeClusterResult cluster = admin.describeCluster();
        assertThat(cluster.clusterId().get()).isNotBlank();
        assertThat(cluster.nodes().get()).singleElement().satisfies(node -> {
            assertThat(node.id()).isEqualTo(1);
            assertThat(node.port()).isEqualTo(broker.boundAddress("KAFKA").getPort());
        });
        assertThat(cluster.controller().get().id()).isEqualTo(1);
    }

    @Test
    void topicAndBrokerConfigsAreDescribed() throws Exception {
        admin.createTopics(List.of(new NewTopic("audit", 1, (short) 1).configs(Map.of("min.insync.replicas", "1"))))
                .all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "audit");
        ConfigResource self = new ConfigResource(ConfigResource.Type.BROKER, "1");
        Map<ConfigResource, Config> configs = admin.describeConfigs(Set.of(topic, self),
                new DescribeConfigsOptions().includeSynonyms(true).includeDocumentation(true))
                .all().get(WAIT_SECONDS, TimeUnit.SECONDS);

        ConfigEntry minIsr = configs.get(topic).get("min.insync.replicas");
        assertThat(minIsr.value()).isEqualTo("1");
        assertThat(minIsr.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(minIsr.synonyms()).extracting(ConfigEntry.ConfigSynonym::source).containsExactly(
                ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG,
                ConfigEntry.ConfigSource.DEFAULT_CONFIG);
        assertThat(minIsr.type()).isEqualTo(ConfigEntry.ConfigType.INT);
        assertThat(minIsr.documentation()).isNotBlank();

        ConfigEntry brokerId = configs.get(self).get("broker.id");
        assertThat(brokerId.value()).isEqualTo("1");
        assertThat(brokerId.isReadOnly()).isTrue();
        assertThat(configs.get(self).get("log.dirs").value()).isEqualTo(dir.resolve("logs").toString());
    }

    @Test
    void anIncrementalCompressionChangeIsDescribedAndRecompressesWhatIsProducedNext() throws Exception {
        admin.createTopics(List.of(new NewTopic("events", 1, (short) 1))).all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "events");
        admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                new ConfigEntry("compression.type", "gzip"), AlterConfigOp.OpType.SET))))
                .all().get(WAIT_SECONDS, TimeUnit.SECONDS);

        ConfigEntry compression = admin.describeConfigs(Set.of(topic)).all().get(WAIT_SECONDS, TimeUnit.SECONDS)
                .get(topic).get("compression.type");
        assertThat(compression.value()).isEqualTo("gzip");
        assertThat(compression.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);

        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:" + broker.boundAddress("KAFKA").getPort(),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "none", ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> {
                producer.send(new ProducerRecord<>("events", "k", "v")).get(WAIT_SECONDS, TimeUnit.SECONDS);
                return lastBatchCodec(new TopicPartition("events", 0)) == GZIP;
            });
        }
    }

    @Test
    void changesFerryDoesNotApplyToLiveLogsAreRefusedWithTheirReason() throws Exception {
        admin.createTopics(List.of(new NewTopic("ledger", 1, (short) 1).configs(Map.of("retention.ms", "60000"))))
                .all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "ledger");

        assertThatThrownBy(() -> admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                new ConfigEntry("min.insync.replicas", "2"), AlterConfigOp.OpType.SET))))
                .all().get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("replication factor");
        assertThatThrownBy(() -> admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                new ConfigEntry("segment.jitter.ms", "1000"), AlterConfigOp.OpType.SET))))
                .all().get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("segment.jitter.ms").hasMessageContaining("not implemented by Ferry");
        assertThatThrownBy(() -> admin.incrementalAlterConfigs(Map.of(
                new ConfigResource(ConfigResource.Type.BROKER, "1"), List.of(new AlterConfigOp(
                        new ConfigEntry("broker.id", "7"), AlterConfigOp.OpType.SET))))
                .all().get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("broker.id").hasMessageContaining("read-only");
        assertThat(admin.describeConfigs(Set.of(topic)).all().get(WAIT_SECONDS, TimeUnit.SECONDS).get(topic)
                .get("retention.ms").value()).as("nothing refused was written").isEqualTo("60000");
    }

    @Test
    @SuppressWarnings("deprecation")
    void legacyAlterConfigsReplacesTheOverridesWhenEveryChangeTakesEffect() throws Exception {
        admin.createTopics(List.of(new NewTopic("legacy", 1, (short) 1).configs(Map.of("retention.ms", "60000"))))
                .all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "legacy");

        assertThatThrownBy(() -> admin.alterConfigs(Map.of(topic, new Config(List.of(
                new ConfigEntry("compression.type", "lz4"), new ConfigEntry("preallocate", "true")))))
                .all().get(WAIT_SECONDS, TimeUnit.SECONDS))
                .as("preallocate is not implemented")
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("preallocate");

        admin.alterConfigs(Map.of(topic, new Config(List.of(new ConfigEntry("retention.ms", "60000"),
                new ConfigEntry("compression.type", "lz4"), new ConfigEntry("min.insync.replicas", "1")))))
                .all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        Config after = admin.describeConfigs(Set.of(topic)).all().get(WAIT_SECONDS, TimeUnit.SECONDS).get(topic);
        assertThat(after.get("compression.type").value()).isEqualTo("lz4");
        assertThat(after.get("compression.type").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(after.get("min.insync.replicas").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(after.get("retention.ms").value()).isEqualTo("60000");

        assertThatThrownBy(() -> admin.alterConfigs(Map.of(new ConfigResource(ConfigResource.Type.BROKER, "1"),
                new Config(List.of(new ConfigEntry("broker.id", "7"))))).all()
                .get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("read-only");
    }

    private static final int GZIP = 1;

    /** The codec bits of the last record batch in the partition's first segment, as Kafka's v2 header holds them. */
    private int lastBatchCodec(TopicPartition partition) throws IOException {
        ByteBuffer log = ByteBuffer.wrap(Files.readAllBytes(
                LogFiles.logFile(LogFiles.partitionDir(dir.resolve("logs"), partition), 0)));
        int codec = -1;
        while (log.remaining() >= 23) {
            int start = log.position();
            int length = log.getInt(start + 8);
            if (length <= 0 || start + 12 + length > log.limit()) {
                break;
            }
            codec = log.getShort(start + 21) & 0x7;
            log.position(start + 12 + length);
        }
        return codec;
    }
}
