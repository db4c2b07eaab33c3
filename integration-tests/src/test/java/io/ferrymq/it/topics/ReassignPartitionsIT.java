package io.ferrymq.it.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.BrokerProcess;
import io.ferrymq.client.admin.ConfigEntry;
import io.ferrymq.client.admin.ConfigResource;
import io.ferrymq.client.admin.FerryAdmin;
import io.ferrymq.client.consumer.ConsumerRecord;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.responses.DescribeReplicaChecksumsResponse.PartitionChecksum;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.it.groups.InProcessCli;
import io.ferrymq.it.harness.FerryCluster;
import io.ferrymq.it.replication.AckingProducer;
import io.ferrymq.it.replication.LogVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, partition reassignment over three broker processes (one cluster, tests in order): a
 * partition moves under continuous acks=all load with its leader among the moved replicas, through
 * {@code ferry reassign-partitions --execute/--verify} (no acknowledged record lost, the new replica's
 * log checksum equal to the leader's, leadership on a target replica, the old replica's log deleted);
 * {@code --generate} proposes the topic on two brokers; Kafka's {@code Admin.alterPartitionReassignments}
 * raises the replication factor 2 → 3 and the CLI
 * lowers it 3 → 2; with {@code --throttle} the new replica's log grows within 20 % of the throttle and
 * {@code --verify} removes the throttle once complete; {@code --cancel} restores the original replicas of a reassignment that cannot finish
 * (its new replica's broker was killed; last, as that broker stays down).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReassignPartitionsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long THROTTLE = 200_000;
    private static final int THROTTLED_RECORDS = 1_300;

    private Path work;
    private FerryCluster cluster;
    private Admin kafkaAdmin;
    private io.ferrymq.client.admin.Admin ferryAdmin;
    private int a;
    private int b;
    private int c;

    @BeforeAll
    void startCluster(@TempDir Path dir) {
        work = dir;
        cluster = FerryCluster.builder(work.resolve("cluster")).brokers(3).kafkaListener()
                .sessionTimeout(Duration.ofSeconds(10))
                .brokerConfig("replica.lag.time.max.ms", "6000")
                .brokerConfig("replica.fetch.wait.max.ms", "200")
                .brokerConfig("replica.fetch.backoff.ms", "100")
                // small follower fetches, so one fetch is a small part of what a throttled second allows
                .brokerConfig("replica.fetch.max.bytes", "32768")
                .brokerConfig("replica.fetch.response.max.bytes", "32768")
                .brokerConfig("controlled.shutdown.timeout.ms", "10000").start();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrap());
        kafkaAdmin = Admin.create(props);
        ferryAdmin = FerryAdmin.create(Map.of("bootstrap.servers", cluster.bootstrapServers(), "request.timeout.ms", "3000"));
        List<Integer> ids = cluster.brokers().stream().map(BrokerProcess::id).sorted().toList();
        a = ids.get(0);
        b = ids.get(1);
        c = ids.get(2);
    }

    @AfterAll
    void stopCluster() {
        if (kafkaAdmin != null) {
            kafkaAdmin.close();
        }
        if (ferryAdmin != null) {
            ferryAdmin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void movesAPartitionAndItsLeaderUnderAcksAllLoadWithoutLosingARecord() throws Exception {
        String topic = "moving";
        TopicPartition tp = new TopicPartition(topic, 0);
        createTopic(topic, List.of(a, b));
        await().atMost(WAIT).until(() -> state(tp).filter(s -> s.hasLeader() && s.isr().size() == 2).isPresent());
        PartitionState before = state(tp).orElseThrow();
        int leader = before.leader();
        int follower = leader == a ? b : a;
        Path plan = write("move.json", "{\"version\":1,\"partitions\":[{\"topic\":\"moving\",\"partition\":0,"
                + "\"replicas\":[" + c + "," + follower + "]}]}");
        AckingProducer producer = AckingProducer.idempotent(cluster.bootstrapServers(), topic, 1, 10);
        try {
            await().atMost(WAIT).until(() -> producer.ackCount() >= 300);

            InProcessCli.Result executed = ferry("reassign-partitions", "--execute", "--reassignment-json-file",
                    plan.toString());
            assertThat(executed.exitCode()).as(executed.toString()).isZero();
            assertThat(executed.stdout()).contains("Successfully started partition reassignments for moving-0")
                    .contains("\"replicas\":[" + a + "," + b + "]");
            assertThat(ferryAdmin.listPartitionReassignments(Set.of(tp)).get(tp).addingReplicas()).containsExactly(c);
            await().atMost(WAIT).until(() -> ferry("reassign-partitions", "--verify", "--reassignment-json-file",
                    plan.toString()).exitCode() == 0);
            int acked = producer.ackCount();
            await().atMost(WAIT).until(() -> producer.ackCount() >= acked + 300);
            assertThat(producer.drain(WAIT)).as("every value acknowledged in the end").isTrue();
        } finally {
            producer.close();
        }

        assertThat(replicas(tp)).containsExactly(c, follower);
        PartitionState after = state(tp).orElseThrow();
        assertThat(after.leader()).as("a target replica leads").isIn(c, follower);
        assertThat(after.leaderEpoch()).as("the removed leader resigned").isGreaterThan(before.leaderEpoch());
        await().atMost(WAIT).until(() -> state(tp).filter(s -> Set.copyOf(s.isr()).equals(Set.of(follower, c)))
                .isPresent());
        await().atMost(WAIT).until(() -> !hasLogDir(leader, tp));
        Map<TopicPartition, List<ConsumerRecord<String, String>>> log =
                LogVerifier.readAll(cluster.bootstrapServers(), topic, 1, WAIT);
        LogVerifier.Report report = LogVerifier.verify(log, producer.acks(), producer.retriedValues());
        assertThat(report.acknowledged()).isGreaterThanOrEqualTo(600);
        assertThat(report.duplicates()).as("duplicates with the idempotent producer").isZero();
        assertLogsIdentical(tp, List.of(follower, c));
    }

    @Test
    @Order(3)
    void raisesAndLowersTheReplicationFactor() throws Exception {
        String topic = "grow";
        TopicPartition tp = new TopicPartition(topic, 0);
        createTopic(topic, List.of(a, b));
        await().atMost(WAIT).until(() -> state(tp).filter(s -> s.isr().size() == 2).isPresent());

        Path topics = write("topics.json", "{\"version\":1,\"topics\":[{\"topic\":\"grow\"}]}");
        InProcessCli.Result generated = ferry("reassign-partitions", "--generate", "--topics-to-move-json-file",
                topics.toString(), "--broker-list", b + "," + c);
        assertThat(generated.exitCode()).as(generated.toString()).isZero();
        String[] sections = generated.stdout().split("Proposed partition reassignment configuration");
        assertThat(sections).hasSize(2);
        assertThat(sections[0]).contains("\"replicas\":[" + a + "," + b + "]");
        assertThat(sections[1]).containsAnyOf("\"replicas\":[" + b + "," + c + "]", "\"replicas\":[" + c + "," + b + "]");

        kafkaAdmin.alterPartitionReassignments(Map.of(new org.apache.kafka.common.TopicPartition(topic, 0),
                Optional.of(new NewPartitionReassignment(List.of(a, b, c))))).all().get(30, TimeUnit.SECONDS);

        await().atMost(WAIT).until(() -> replicas(tp).equals(List.of(a, b, c))
                && state(tp).filter(s -> s.isr().size() == 3).isPresent());
        // the leader completes the reassignment once it sees the new replica in the ISR: a step after the ISR write
        await().atMost(WAIT).until(() -> kafkaAdmin.listPartitionReassignments().reassignments()
                .get(30, TimeUnit.SECONDS).isEmpty());

        Path lower = write("lower.json", "{\"version\":1,\"partitions\":[{\"topic\":\"grow\",\"partition\":0,"
                + "\"replicas\":[" + b + "," + c + "]}]}");
        InProcessCli.Result lowered = ferry("reassign-partitions", "--execute", "--reassignment-json-file",
                lower.toString());
        assertThat(lowered.exitCode()).as(lowered.toString()).isZero();
        await().atMost(WAIT).until(() -> replicas(tp).equals(List.of(b, c))
                && state(tp).filter(s -> Set.copyOf(s.isr()).equals(Set.of(b, c))).isPresent());
        await().atMost(WAIT).until(() -> !hasLogDir(a, tp));
        assertThat(state(tp).orElseThrow().leader()).isIn(b, c);
    }

    @Test
    @Order(4)
    void theThrottleLimitsTheCatchUpAndVerifyRemovesIt() throws Exception {
        String topic = "throttled";
        TopicPartition tp = new TopicPartition(topic, 0);
        createTopic(topic, List.of(a, b));
        await().atMost(WAIT).until(() -> state(tp).filter(s -> s.isr().size() == 2).isPresent());
        produce(topic, THROTTLED_RECORDS);
        Path plan = write("throttle.json", "{\"version\":1,\"partitions\":[{\"topic\":\"throttled\",\"partition\":0,"
                + "\"replicas\":[" + a + "," + b + "," + c + "]}]}");

        InProcessCli.Result executed = ferry("reassign-partitions", "--execute", "--reassignment-json-file",
                plan.toString(), "--throttle", Long.toString(THROTTLE));

        assertThat(executed.exitCode()).as(executed.toString()).isZero();
        assertThat(executed.stdout()).contains("The inter-broker throttle limit was set to " + THROTTLE + " B/s");
        assertThat(config(ConfigResource.topic(topic), "follower.replication.throttled.replicas")).contains("0:" + c);
        Sample from = awaitBytes(c, topic + "-0", 250_000);
        Sample to = awaitBytes(c, topic + "-0", 1_000_000);
        double rate = (to.bytes() - from.bytes()) * 1000.0 / (to.atMs() - from.atMs());
        System.out.printf("ReassignPartitionsIT: catch-up at %.0f B/s under a %d B/s throttle%n", rate, THROTTLE);
        assertThat(rate).as("throttled catch-up rate in bytes/s").isBetween(THROTTLE * 0.8, THROTTLE * 1.2);

        await().atMost(WAIT).until(() -> ferry("reassign-partitions", "--verify", "--reassignment-json-file",
                plan.toString()).exitCode() == 0);
        assertThat(replicas(tp)).containsExactly(a, b, c);
        assertThat(config(ConfigResource.broker(c), "follower.replication.throttled.rate"))
                .as("the rate is removed once complete").isEmpty();
        assertThat(config(ConfigResource.topic(topic), "leader.replication.throttled.replicas")).isEmpty();
    }

    @Test
    @Order(5)
    void cancelRestoresTheOriginalReplicas() throws Exception {
        String topic = "cancelled";
        TopicPartition tp = new TopicPartition(topic, 0);
        createTopic(topic, List.of(a, b));
        await().atMost(WAIT).until(() -> state(tp).filter(s -> s.isr().size() == 2).isPresent());
        Path plan = write("cancel.json", "{\"version\":1,\"partitions\":[{\"topic\":\"cancelled\",\"partition\":0,"
                + "\"replicas\":[" + a + "," + c + "]}]}");

        cluster.kill9(c);
        // c stays registered until its session expires, long enough to be named as a target; dead, it never catches up
        assertThat(ferry("reassign-partitions", "--execute", "--reassignment-json-file", plan.toString()).exitCode())
                .isZero();
        InProcessCli.Result inProgress = ferry("reassign-partitions", "--verify", "--reassignment-json-file",
                plan.toString());
        assertThat(inProgress.exitCode()).isEqualTo(1);
        assertThat(inProgress.stdout()).contains("Reassignment of partition cancelled-0 is still in progress.");
        assertThat(ferryAdmin.listPartitionReassignments(Set.of(tp))).containsKey(tp);

        InProcessCli.Result cancelled = ferry("reassign-partitions", "--cancel", "--reassignment-json-file",
                plan.toString());
        assertThat(cancelled.exitCode()).as(cancelled.toString()).isZero();
        assertThat(cancelled.stdout()).contains("Successfully cancelled partition reassignments for cancelled-0");
        assertThat(ferryAdmin.listPartitionReassignments(Set.of())).isEmpty();
        assertThat(replicas(tp)).containsExactly(a, b);
        assertThat(state(tp).orElseThrow().isr()).containsExactlyInAnyOrder(a, b);
        assertThat(ferry("reassign-partitions", "--verify", "--reassignment-json-file", plan.toString()).stdout())
                .contains("There is no active reassignment of partition cancelled-0, but replica set is [" + a + ", " + b
                        + "] rather than [" + a + ", " + c + "].");
    }

    /** {@code count} records of 1 KB, acks=1, through the Kafka listener. */
    private void produce(String topic, int count) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            byte[] value = new byte[1_000];
            for (int i = 0; i < count; i++) {
                value[i % value.length] = (byte) i;
                producer.send(new ProducerRecord<>(topic, 0, null, value.clone()));
            }
            producer.flush();
        }
    }

    /** A config's value set on the resource itself (a topic override, a per-broker dynamic config); else empty. */
    private Optional<String> config(ConfigResource resource, String key) {
        return ferryAdmin.describeConfigs(List.of(resource)).get(resource).stream()
                .filter(e -> e.name().equals(key) && (e.source() == ConfigEntry.Source.DYNAMIC_TOPIC_CONFIG
                        || e.source() == ConfigEntry.Source.DYNAMIC_BROKER_CONFIG))
                .findFirst().flatMap(ConfigEntry::value);
    }

    private record Sample(long atMs, long bytes) {
    }

    private Sample awaitBytes(int broker, String partitionDir, long atLeast) {
        Sample[] seen = new Sample[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            seen[0] = new Sample(System.currentTimeMillis(), logBytes(broker, partitionDir));
            return seen[0].bytes() >= atLeast;
        });
        return seen[0];
    }

    private long logBytes(int broker, String partitionDir) {
        long bytes = 0;
        try (Stream<Path> files = Files.walk(cluster.broker(broker).dataDir())) {
            for (Path f : files.filter(f -> f.getParent().getFileName().toString().equals(partitionDir)
                    && f.getFileName().toString().endsWith(".log")).toList()) {
                bytes += Files.size(f);
            }
        } catch (IOException | UncheckedIOException e) {
            return bytes;
        }
        return bytes;
    }

    private void createTopic(String topic, List<Integer> replicas) throws Exception {
        kafkaAdmin.createTopics(List.of(new NewTopic(topic, Map.of(0, replicas)))).all().get(30, TimeUnit.SECONDS);
    }

    /** Once every holder's log ends at the same offset, their checksums up to it are equal (DescribeReplicaChecksums). */
    private void assertLogsIdentical(TopicPartition tp, List<Integer> holders) {
        await().atMost(WAIT).until(() -> holders.stream().map(id -> checksum(id, tp, -1))
                .map(PartitionChecksum::logEndOffset).distinct().count() == 1);
        long end = checksum(holders.get(0), tp, -1).logEndOffset();
        Map<Integer, Long> sums = new java.util.TreeMap<>();
        holders.forEach(id -> sums.put(id, checksum(id, tp, end).checksum()));
        assertThat(sums.values().stream().distinct()).as("checksums of %s up to %d: %s", tp, end, sums).hasSize(1);
        assertThat(end).isPositive();
    }

    private PartitionChecksum checksum(int broker, TopicPartition tp, long upTo) {
        PartitionChecksum sum = ferryAdmin.describeReplicaChecksums(broker, Map.of(tp, upTo)).get(0);
        assertThat(sum.error()).as("checksum of %s on %d: %s", tp, broker, sum.errorMessage())
                .isEqualTo(io.ferrymq.common.errors.ErrorCode.NONE);
        return sum;
    }

    private boolean hasLogDir(int broker, TopicPartition tp) {
        String name = tp.topic() + "-" + tp.partition();
        try (Stream<Path> files = Files.walk(cluster.broker(broker).dataDir())) {
            return files.anyMatch(p -> Files.isDirectory(p) && p.getFileName().toString().equals(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Integer> replicas(TopicPartition tp) {
        return ferryAdmin.describeTopics(List.of(tp.topic())).get(tp.topic()).partitions().get(tp.partition()).replicas();
    }

    private Optional<PartitionState> state(TopicPartition tp) {
        return cluster.partitionState(tp);
    }

    private Path write(String name, String json) throws IOException {
        return Files.writeString(work.resolve(name), json, StandardCharsets.UTF_8);
    }

    private InProcessCli.Result ferry(String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--bootstrap-server", cluster.bootstrapServers()))
                .toArray(String[]::new);
        return InProcessCli.run(all);
    }
}
