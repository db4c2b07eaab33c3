package io.ferrymq.it.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.BrokerProcess;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.it.harness.FerryCluster;
import io.ferrymq.it.harness.FerryLauncher;
import io.ferrymq.it.harness.FerryLauncher.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ElectionNotNeededException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, on-demand leader election over three broker processes (one cluster for every test, in
 * order): after a restart of a preferred replica moved its leaderships away, {@code ferry
 * leader-election --election-type preferred --all-topic-partitions} gives every partition back to its
 * preferred replica; Kafka's {@code Admin.electLeaders} through the Kafka listener answers per
 * partition (ELECTION_NOT_NEEDED, UNKNOWN_TOPIC_OR_PARTITION); and {@code --election-type unclean}
 * lets a live replica from outside the ISR lead a partition whose whole ISR is down, marked unclean.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeaderElectionIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BALANCED = "balanced";
    private static final int PARTITIONS = 3;

    private Path work;
    private FerryCluster cluster;
    private Admin admin;

    @BeforeAll
    void startCluster(@TempDir Path dir) throws Exception {
        work = dir;
        cluster = FerryCluster.builder(work.resolve("cluster")).brokers(3).kafkaListener()
                .sessionTimeout(Duration.ofSeconds(4))
                .brokerConfig("replica.fetch.wait.max.ms", "200")
                .brokerConfig("replica.fetch.backoff.ms", "100")
                .brokerConfig("controlled.shutdown.timeout.ms", "10000")
                // leadership stays away from a restarted preferred replica until the election asked for here
                .brokerConfig("auto.leader.rebalance.enable", "false").start();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrap());
        admin = Admin.create(props);
        admin.createTopics(List.of(new NewTopic(BALANCED, PARTITIONS, (short) 3))).all().get(30, TimeUnit.SECONDS);
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
    @Order(1)
    void preferredElectionGivesEveryPartitionBackToItsPreferredReplica() {
        Map<Integer, Integer> preferred = preferredLeaders();
        await().atMost(WAIT).until(() -> fullIsr() && leaders().equals(preferred));
        int restarted = preferred.get(0);

        cluster.restart(restarted);
        await().atMost(WAIT).until(this::fullIsr);
        assertThat(leaders()).doesNotContainValue(restarted).hasSize(PARTITIONS);

        Result elected = ferry("preferred", "leader-election", "--election-type", "preferred", "--all-topic-partitions");

        assertThat(elected.exitCode()).as(elected.toString()).isZero();
        assertThat(elected.stdout()).contains("Successfully completed leader election (PREFERRED) for partitions")
                .contains(BALANCED + "-0");
        assertThat(leaders()).isEqualTo(preferred);
    }

    @Test
    @Order(2)
    void kafkaAdminElectLeadersAnswersPerPartition() throws Exception {
        TopicPartition led = new TopicPartition(BALANCED, 1);
        TopicPartition unknown = new TopicPartition("no-such-topic", 0);

        Map<TopicPartition, Optional<Throwable>> preferred = admin.electLeaders(ElectionType.PREFERRED,
                Set.of(led, unknown)).partitions().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, Optional<Throwable>> unclean = admin.electLeaders(ElectionType.UNCLEAN,
                Set.of(led)).partitions().get(30, TimeUnit.SECONDS);

        assertThat(preferred.get(led)).containsInstanceOf(ElectionNotNeededException.class);
        assertThat(preferred.get(unknown)).containsInstanceOf(UnknownTopicOrPartitionException.class);
        assertThat(unclean.get(led)).containsInstanceOf(ElectionNotNeededException.class);
    }

    @Test
    @Order(3)
    void uncleanElectionLetsAnOutOfIsrReplicaLeadALeaderlessPartition() throws Exception {
        List<Integer> ids = cluster.brokers().stream().map(BrokerProcess::id).sorted().toList();
        int isrMember = ids.get(0);
        int laggard = ids.get(1);
        admin.createTopics(List.of(new NewTopic("lost", Map.of(0, List.of(isrMember, laggard)))
                .configs(Map.of("min.insync.replicas", "1")))).all().get(30, TimeUnit.SECONDS);
        io.ferrymq.common.TopicPartition lost = new io.ferrymq.common.TopicPartition("lost", 0);
        await().atMost(WAIT).until(() -> state(lost).filter(s -> s.hasLeader() && s.isr().size() == 2).isPresent());

        cluster.kill9(laggard);
        await().atMost(WAIT).until(() -> state(lost).filter(s -> s.isr().equals(List.of(isrMember))).isPresent());
        cluster.kill9(isrMember);
        cluster.start(laggard);
        await().atMost(WAIT).until(() -> !cluster.isRegistered(isrMember));
        assertThat(state(lost).orElseThrow().isr()).as("the ISR stays the dead member's").containsExactly(isrMember);

        Result elected = ferry("unclean", "leader-election", "--election-type", "unclean", "--topic", "lost",
                "--partition", "0");

        assertThat(elected.exitCode()).as(elected.toString()).isZero();
        assertThat(elected.stdout()).contains("Successfully completed leader election (UNCLEAN) for partitions lost-0");
        PartitionState after = state(lost).orElseThrow();
        assertThat(after.leader()).isEqualTo(laggard);
        assertThat(after.unclean()).isTrue();
        assertThat(after.isr()).containsExactly(laggard);
    }

    private Optional<PartitionState> state(io.ferrymq.common.TopicPartition tp) {
        return cluster.partitionState(tp);
    }

    private Map<Integer, Integer> preferredLeaders() {
        try {
            Map<Integer, Integer> preferred = new TreeMap<>();
            admin.describeTopics(Set.of(BALANCED)).allTopicNames().get(30, TimeUnit.SECONDS).get(BALANCED).partitions()
                    .forEach(p -> preferred.put(p.partition(), p.replicas().get(0).id()));
            return preferred;
        } catch (Exception e) {
            throw new IllegalStateException("describing " + BALANCED, e);
        }
    }

    private boolean fullIsr() {
        return IntStream.range(0, PARTITIONS).allMatch(p -> state(new io.ferrymq.common.TopicPartition(BALANCED, p))
                .filter(s -> s.isr().size() == 3).isPresent());
    }

    /** Partition to leader, as recorded in ZooKeeper (partitions without a leader left out). */
    private Map<Integer, Integer> leaders() {
        Map<Integer, Integer> leaders = new TreeMap<>();
        IntStream.range(0, PARTITIONS).forEach(p -> state(new io.ferrymq.common.TopicPartition(BALANCED, p))
                .filter(PartitionState::hasLeader).ifPresent(s -> leaders.put(p, s.leader())));
        return leaders;
    }

    private Result ferry(String name, String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--bootstrap-server", cluster.bootstrapServers()))
                .toArray(String[]::new);
        return FerryLauncher.run(work, name, WAIT, all);
    }
}
