package io.ferrymq.it.configs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.BrokerProcess;
import io.ferrymq.it.harness.FerryCluster;
import io.ferrymq.it.harness.FerryLauncher;
import io.ferrymq.it.harness.FerryLauncher.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, dynamic broker configs on two broker processes: a cluster-wide default set with
 * {@code ferry configs alter --entity-default} rolls new segments smaller on a topic without an override,
 * live, on every replica, and {@code ferry configs describe} reports it with its source; a cluster-wide
 * {@code message.max.bytes} set with Kafka's Admin client refuses larger records (RECORD_TOO_LARGE) until
 * a per-broker value, which wins, lets them in; read-only and unknown keys are refused naming them; the
 * replication throttle limits a follower's catch-up, and a per-broker value survives a restart of its
 * broker (read from ZooKeeper at start-up). One cluster for every test; each test removes what it set.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamicBrokerConfigIT {

    private static final Duration CALL = Duration.ofSeconds(60);
    private static final long WAIT_SECONDS = 30;
    private static final ConfigResource CLUSTER_DEFAULT = new ConfigResource(ConfigResource.Type.BROKER, "");
    private static final String THROTTLED = "throttled";
    private static final long RATE = 200_000;
    private static final int RECORD_BYTES = 1_000;
    private static final int THROTTLED_RECORDS = 2_000;

    private Path work;
    private FerryCluster cluster;
    private Admin admin;

    @BeforeAll
    void startCluster(@TempDir Path dir) {
        work = dir;
        // small follower fetches, so one fetch is a small part of what a throttled second allows
        cluster = FerryCluster.builder(work.resolve("cluster")).brokers(2).kafkaListener()
                .brokerConfig("replica.fetch.max.bytes", "32768")
                .brokerConfig("replica.fetch.response.max.bytes", "32768").start();
        admin = kafkaAdmin();
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
    void aClusterDefaultSetWithTheCliRollsSegmentsOfTopicsWithoutAnOverrideLive() throws Exception {
        String topic = "rolling";
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 2))).all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        Result altered = ferry("alter-default", "configs", "alter", "--entity-type", "brokers", "--entity-default",
                "--add-config", "log.segment.bytes=1024");
        try {
            assertThat(altered.exitCode()).as(altered.toString()).isZero();
            assertThat(altered.stdout()).contains("Completed updating the configs of the cluster-wide broker defaults");
            int brokerId = cluster.brokers().get(0).id();
            Result described = ferry("describe", "configs", "describe", "--entity-type", "brokers", "--entity-name",
                    Integer.toString(brokerId), "--all");
            assertThat(described.exitCode()).as(described.toString()).isZero();
            assertThat(described.stdout()).contains("log.segment.bytes=1024 (DYNAMIC_DEFAULT_BROKER_CONFIG)")
                    .contains("broker.id=" + brokerId + " (STATIC_BROKER_CONFIG, read-only)");

            try (KafkaProducer<String, String> producer = producer()) {
                for (int i = 0; i < 12; i++) {
                    producer.send(new ProducerRecord<>(topic, "k", "v" + i + "-" + "x".repeat(200)))
                            .get(WAIT_SECONDS, TimeUnit.SECONDS);
                }
            }
            await().atMost(Duration.ofSeconds(WAIT_SECONDS)).untilAsserted(() -> {
                for (BrokerProcess broker : cluster.brokers()) {
                    assertThat(segmentFiles(broker, topic + "-0")).as("segments of broker %d", broker.id())
                            .hasSizeGreaterThanOrEqualTo(3);
                }
            });
        } finally {
            alter(CLUSTER_DEFAULT, List.of(delete("log.segment.bytes")));
        }
    }

    @Test
    void aPerBrokerValueWinsOverTheClusterDefaultAndBothTakeEffectLive() throws Exception {
        String topic = "sized";
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 2))).all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        List<ConfigResource> brokers = cluster.brokers().stream()
                .map(b -> new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(b.id()))).toList();
        try (KafkaProducer<String, String> producer = producer()) {
            alter(CLUSTER_DEFAULT, List.of(set("message.max.bytes", "600")));
            assertThat(describe(brokers.get(0)).get("message.max.bytes")).satisfies(entry -> {
                assertThat(entry.value()).isEqualTo("600");
                assertThat(entry.source()).isEqualTo(ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG);
                assertThat(entry.isReadOnly()).isFalse();
            });
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "big", "y".repeat(700)))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RecordTooLargeException.class);

            for (ConfigResource broker : brokers) {
                alter(broker, List.of(set("message.max.bytes", "5000")));
            }
            Config first = describe(brokers.get(0));
            assertThat(first.get("message.max.bytes").source()).isEqualTo(ConfigSource.DYNAMIC_BROKER_CONFIG);
            assertThat(first.get("message.max.bytes").synonyms()).extracting(s -> s.source()).containsExactly(
                    ConfigSource.DYNAMIC_BROKER_CONFIG, ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG,
                    ConfigSource.DEFAULT_CONFIG);
            assertThat(admin.describeConfigs(Set.of(CLUSTER_DEFAULT)).all().get(WAIT_SECONDS, TimeUnit.SECONDS)
                    .get(CLUSTER_DEFAULT).entries()).extracting(ConfigEntry::name).containsExactly("message.max.bytes");
            producer.send(new ProducerRecord<>(topic, "big", "y".repeat(700))).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            alter(CLUSTER_DEFAULT, List.of(delete("message.max.bytes")));
            for (ConfigResource broker : brokers) {
                alter(broker, List.of(delete("message.max.bytes")));
            }
        }
    }

    @Test
    void readOnlyAndUnknownKeysAreRefusedNamingThem() throws Exception {
        Result refused = ferry("alter-read-only", "configs", "alter", "--entity-type", "brokers", "--entity-name",
                Integer.toString(cluster.brokers().get(0).id()), "--add-config", "num.io.threads=4");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr()).contains("'num.io.threads' is read-only");

        assertThatThrownBy(() -> alter(CLUSTER_DEFAULT, List.of(set("log.segmnt.bytes", "2048"))))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("unknown broker config 'log.segmnt.bytes'");
        assertThat(admin.describeConfigs(Set.of(CLUSTER_DEFAULT)).all().get(WAIT_SECONDS, TimeUnit.SECONDS)
                .get(CLUSTER_DEFAULT).entries()).isEmpty();
    }

    /**
     * A follower that was down while 2 MB were written catches up with both throttle rates set cluster-wide
     * to 200 KB/s and its replica listed in the topic's throttled-replica lists: its log grows at the
     * throttled rate (within 20 %, measured on disk over about three seconds), and at least twice as fast
     * once the throttle is removed live. A per-broker value set before its broker stopped is read from
     * ZooKeeper when it starts again.
     */
    @Test
    void anEmptyFollowerCatchesUpAtTheThrottledRateAndFasterOnceItIsRemoved() throws Exception {
        BrokerProcess leader = cluster.brokers().get(0);
        BrokerProcess follower = cluster.brokers().get(1);
        ConfigResource followerResource = new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(follower.id()));
        String throttled = "0:" + follower.id();
        admin.createTopics(List.of(new NewTopic(THROTTLED, Map.of(0, List.of(leader.id(), follower.id())))
                .configs(Map.of("leader.replication.throttled.replicas", throttled,
                        "follower.replication.throttled.replicas", throttled))))
                .all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        cluster.awaitLeader(new io.ferrymq.common.TopicPartition(THROTTLED, 0), Duration.ofSeconds(WAIT_SECONDS));
        alter(followerResource, List.of(set("log.retention.bytes", "987654321")));
        try {
            cluster.sigterm(follower.id());
            produceBytes(THROTTLED, THROTTLED_RECORDS);
            long total = logBytes(leader, THROTTLED);
            assertThat(total).isGreaterThanOrEqualTo((long) THROTTLED_RECORDS * RECORD_BYTES);
            alter(CLUSTER_DEFAULT, List.of(set("leader.replication.throttled.rate", Long.toString(RATE)),
                    set("follower.replication.throttled.rate", Long.toString(RATE))));
            cluster.start(follower.id());

            Sample from = awaitBytes(follower, 200_000);
            Sample to = awaitBytes(follower, 800_000);
            double rate = (to.bytes() - from.bytes()) * 1000.0 / (to.atMs() - from.atMs());
            assertThat(rate).as("throttled catch-up rate in bytes/s").isBetween(RATE * 0.8, RATE * 1.2);

            alter(CLUSTER_DEFAULT, List.of(delete("leader.replication.throttled.rate"),
                    delete("follower.replication.throttled.rate")));
            Sample released = sample(follower);
            Sample done = awaitBytes(follower, total);
            double after = (done.bytes() - released.bytes()) * 1000.0 / Math.max(1, done.atMs() - released.atMs());
            assertThat(after).as("catch-up rate without the throttle in bytes/s").isGreaterThan(2.0 * RATE);

            ConfigEntry kept = describe(followerResource).get("log.retention.bytes");
            assertThat(kept.value()).isEqualTo("987654321");
            assertThat(kept.source()).isEqualTo(ConfigSource.DYNAMIC_BROKER_CONFIG);
        } finally {
            alter(CLUSTER_DEFAULT, List.of(delete("leader.replication.throttled.rate"),
                    delete("follower.replication.throttled.rate")));
            alter(followerResource, List.of(delete("log.retention.bytes")));
        }
    }

    private void alter(ConfigResource resource, Collection<AlterConfigOp> ops) throws Exception {
        admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private Config describe(ConfigResource resource) throws Exception {
        return admin.describeConfigs(Set.of(resource), new org.apache.kafka.clients.admin.DescribeConfigsOptions()
                .includeSynonyms(true)).all().get(WAIT_SECONDS, TimeUnit.SECONDS).get(resource);
    }

    private static AlterConfigOp set(String key, String value) {
        return new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET);
    }

    private static AlterConfigOp delete(String key) {
        return new AlterConfigOp(new ConfigEntry(key, null), AlterConfigOp.OpType.DELETE);
    }

    private Admin kafkaAdmin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrap());
        return Admin.create(props);
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
        props.put(ProducerConfig.RETRIES_CONFIG, "0");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private void produceBytes(String topic, int records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                byte[] value = new byte[RECORD_BYTES];
                value[i % RECORD_BYTES] = (byte) i;
                producer.send(new ProducerRecord<>(topic, 0, null, value));
            }
            producer.flush();
        }
    }

    private record Sample(long atMs, long bytes) {
    }

    private static Sample awaitBytes(BrokerProcess broker, long atLeast) {
        AtomicReference<Sample> seen = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(WAIT_SECONDS)).pollInterval(Duration.ofMillis(20)).until(() -> {
            seen.set(sample(broker));
            return seen.get().bytes() >= atLeast;
        });
        return seen.get();
    }

    private static Sample sample(BrokerProcess broker) {
        return new Sample(System.currentTimeMillis(), logBytes(broker, THROTTLED));
    }

    /** Bytes in the partition's segments on one broker (a segment deleted meanwhile holds none). */
    private static long logBytes(BrokerProcess broker, String topic) {
        return segmentFiles(broker, topic + "-0").stream().mapToLong(segment -> {
            try {
                return Files.size(segment);
            } catch (IOException gone) {
                return 0;
            }
        }).sum();
    }

    /** The partition's segment files on one broker (a file the broker deletes meanwhile is not counted). */
    private static List<Path> segmentFiles(BrokerProcess broker, String partitionDir) {
        try (Stream<Path> files = Files.walk(broker.dataDir())) {
            return files.filter(f -> f.getParent().getFileName().toString().equals(partitionDir)
                    && f.getFileName().toString().endsWith(".log")).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }
}
