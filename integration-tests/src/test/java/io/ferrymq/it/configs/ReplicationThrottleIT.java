package io.ferrymq.it.configs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.BrokerProcess;
import io.ferrymq.it.harness.FerryCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, the replication throttle on two broker processes: a follower that was down while 3 MB were
 * written catches up with {@code leader.replication.throttled.rate} and
 * {@code follower.replication.throttled.rate} set cluster-wide to 200 KB/s and its replica listed in the
 * topic's {@code leader/follower.replication.throttled.replicas}: the rate at which its log grows, measured
 * on disk over about five seconds, is within 20 % of the throttle; removing the throttle live lets it
 * finish at least twice as fast.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicationThrottleIT {

    private static final long WAIT_SECONDS = 30;
    private static final long RATE = 200_000;
    private static final int RECORD_BYTES = 1_000;
    private static final int RECORDS = 3_000;
    private static final String TOPIC = "throttled";
    private static final ConfigResource CLUSTER_DEFAULT = new ConfigResource(ConfigResource.Type.BROKER, "");

    private FerryCluster cluster;
    private Admin admin;

    @BeforeAll
    void startCluster(@TempDir Path dir) {
        // small follower fetches, so one fetch is a small part of what a throttled second allows
        cluster = FerryCluster.builder(dir.resolve("cluster")).brokers(2).kafkaListener()
                .brokerConfig("replica.fetch.max.bytes", "32768")
                .brokerConfig("replica.fetch.response.max.bytes", "32768").start();
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
    void anEmptyFollowerCatchesUpAtTheThrottledRateAndFasterOnceItIsRemoved() throws Exception {
        BrokerProcess leader = cluster.brokers().get(0);
        BrokerProcess follower = cluster.brokers().get(1);
        String throttled = "0:" + follower.id();
        admin.createTopics(List.of(new NewTopic(TOPIC, Map.of(0, List.of(leader.id(), follower.id())))
                .configs(Map.of("leader.replication.throttled.replicas", throttled,
                        "follower.replication.throttled.replicas", throttled))))
                .all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        cluster.awaitLeader(new io.ferrymq.common.TopicPartition(TOPIC, 0), Duration.ofSeconds(WAIT_SECONDS));
        cluster.sigterm(follower.id());
        produce();
        long total = logBytes(leader);
        assertThat(total).isGreaterThanOrEqualTo((long) RECORDS * RECORD_BYTES);

        alter(List.of(set("leader.replication.throttled.rate", Long.toString(RATE)),
                set("follower.replication.throttled.rate", Long.toString(RATE))));
        cluster.start(follower.id());

        Sample from = awaitBytes(follower, 300_000);
        Sample to = awaitBytes(follower, 1_300_000);
        double rate = (to.bytes() - from.bytes()) * 1000.0 / (to.atMs() - from.atMs());
        assertThat(rate).as("throttled catch-up rate in bytes/s").isBetween(RATE * 0.8, RATE * 1.2);

        alter(List.of(new AlterConfigOp(new ConfigEntry("leader.replication.throttled.rate", null),
                AlterConfigOp.OpType.DELETE), new AlterConfigOp(new ConfigEntry("follower.replication.throttled.rate",
                null), AlterConfigOp.OpType.DELETE)));
        Sample released = sample(follower);
        Sample done = awaitBytes(follower, total);
        double after = (done.bytes() - released.bytes()) * 1000.0 / Math.max(1, done.atMs() - released.atMs());
        assertThat(after).as("catch-up rate without the throttle in bytes/s").isGreaterThan(2.0 * RATE);
    }

    private void produce() throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            byte[] value = new byte[RECORD_BYTES];
            for (int i = 0; i < RECORDS; i++) {
                value[i % RECORD_BYTES] = (byte) i;
                producer.send(new ProducerRecord<>(TOPIC, 0, null, value.clone()));
            }
            producer.flush();
        }
    }

    private void alter(List<AlterConfigOp> ops) throws Exception {
        admin.incrementalAlterConfigs(Map.of(CLUSTER_DEFAULT, ops)).all().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static AlterConfigOp set(String key, String value) {
        return new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET);
    }

    private record Sample(long atMs, long bytes) {
    }

    private static Sample awaitBytes(BrokerProcess broker, long atLeast) {
        Sample[] seen = new Sample[1];
        await().atMost(Duration.ofSeconds(WAIT_SECONDS)).pollInterval(Duration.ofMillis(20)).until(() -> {
            seen[0] = sample(broker);
            return seen[0].bytes() >= atLeast;
        });
        return seen[0];
    }

    private static Sample sample(BrokerProcess broker) {
        long now = System.currentTimeMillis();
        return new Sample(now, logBytes(broker));
    }

    private static long logBytes(BrokerProcess broker) {
        long bytes = 0;
        for (Path segment : DynamicBrokerConfigIT.segmentFiles(broker, TOPIC + "-0")) {
            try {
                bytes += Files.size(segment);
            } catch (IOException gone) {
                // a segment deleted between listing and sizing holds no bytes any more
            }
        }
        return bytes;
    }
}
