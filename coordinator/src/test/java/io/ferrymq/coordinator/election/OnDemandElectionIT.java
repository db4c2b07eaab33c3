package io.ferrymq.coordinator.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.common.ElectionType;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.coordinator.isr.IsrUpdater;
import io.ferrymq.coordinator.metadata.NewTopic;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.metadata.TopicMetadata;
import io.ferrymq.coordinator.metadata.Versioned;
import io.ferrymq.coordinator.metadata.ZkMetadataStore;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkConfig;
import io.ferrymq.coordinator.zk.ZkPaths;
import io.ferrymq.coordinator.zk.ZkTesting;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On-demand elections through {@code /admin/elections} against a real ZooKeeper, three simulated
 * brokers each with its own session: a preferred election asked of a broker that hosts nothing of
 * the outcome moves leadership back in one round; an unclean one lets an out-of-ISR replica lead a
 * partition whose only ISR member is gone, once, counted; the request node is gone afterwards.
 */
class OnDemandElectionIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final List<Integer> REPLICAS = List.of(1, 2, 3);

    private TestingServer server;
    private ZkConfig config;
    private ZkClient adminClient;
    private ZkMetadataStore store;
    private final Map<Integer, TestBroker> brokers = new ConcurrentHashMap<>();
    private final Map<String, Integer> leaderOfEpoch = TestBroker.newEpochLog();
    private final List<String> violations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(true);
        config = ZkTesting.config(server);
        adminClient = ZkClient.connect(config);
        store = new ZkMetadataStore(adminClient, new Random(1));
        store.start();
    }

    @AfterEach
    void stop() throws Exception {
        brokers.values().forEach(TestBroker::close);
        store.close();
        adminClient.close();
        server.close();
    }

    private TestBroker startBroker(int id) {
        TestBroker broker = TestBroker.start(config, id, leaderOfEpoch, violations);
        brokers.put(id, broker);
        return broker;
    }

    private TopicPartition topicPreferring1() {
        for (int id = 1; id <= 3; id++) {
            startBroker(id);
        }
        TopicMetadata topic = store.createTopic(NewTopic.withAssignment("t" + System.nanoTime(),
                Map.of(0, REPLICAS), Map.of()));
        TopicPartition tp = topic.partitions().get(0);
        brokers.values().forEach(b -> b.join(tp, REPLICAS));
        await().atMost(WAIT).until(() -> state(tp).leader() == 1 && brokers.get(1).isLeader(tp));
        return tp;
    }

    private PartitionState state(TopicPartition tp) {
        return store.partitionState(tp).orElseThrow().value();
    }

    /** What the leader's replication would write: the ISR {@code isr}. */
    private void setIsr(TopicPartition tp, List<Integer> isr) {
        await().atMost(WAIT).untilAsserted(() -> {
            Versioned<PartitionState> current = store.partitionState(tp).orElseThrow();
            if (!current.value().isr().equals(isr)) {
                new IsrUpdater(store, current.value().leader()).updateIsr(tp, current, isr);
            }
            assertThat(state(tp).isr()).isEqualTo(isr);
        });
    }

    private Map<TopicPartition, ElectionResult> elect(TestBroker via, ElectionType type, TopicPartition tp)
            throws Exception {
        return via.election.electLeaders(type, Map.of(tp, REPLICAS), Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);
    }

    @Test
    void preferredElectionGivesLeadershipBackToThePreferredReplica() throws Exception {
        TopicPartition tp = topicPreferring1();
        brokers.remove(1).close();
        await().atMost(WAIT).until(() -> state(tp).leader() != 1 && state(tp).hasLeader());
        startBroker(1).join(tp, REPLICAS);
        setIsr(tp, REPLICAS);
        assertThat(elect(brokers.get(2), ElectionType.PREFERRED, tp).get(tp).error())
                .as("the preferred replica is back in the ISR but does not lead").isEqualTo(ErrorCode.NONE);

        assertThat(state(tp).leader()).isEqualTo(1);
        await().atMost(WAIT).until(() -> brokers.get(1).isLeader(tp));
        assertThat(elect(brokers.get(3), ElectionType.PREFERRED, tp).get(tp).error()).isEqualTo(ErrorCode.ELECTION_NOT_NEEDED);
        assertThat(adminClient.curator().getChildren().forPath(ZkPaths.ELECTIONS)).isEmpty();
        assertThat(violations).isEmpty();
    }

    @Test
    void uncleanElectionLetsAnOutOfIsrReplicaLeadOnceTheIsrIsGone() throws Exception {
        TopicPartition tp = topicPreferring1();
        setIsr(tp, List.of(1));
        int epoch = state(tp).leaderEpoch();
        brokers.remove(1).close();
        await().atMost(WAIT).until(() -> !brokers.get(2).registry.liveBrokerIds().contains(1));
        assertThat(state(tp).leader()).as("nobody may lead cleanly").isEqualTo(1);
        assertThat(elect(brokers.get(2), ElectionType.PREFERRED, tp).get(tp).error())
                .isEqualTo(ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE);

        assertThat(elect(brokers.get(3), ElectionType.UNCLEAN, tp).get(tp).error()).isEqualTo(ErrorCode.NONE);

        PartitionState after = state(tp);
        assertThat(after.leader()).isIn(2, 3);
        assertThat(after.unclean()).isTrue();
        assertThat(after.isr()).containsExactly(after.leader());
        assertThat(after.leaderEpoch()).isEqualTo(epoch + 1);
        assertThat(brokers.get(after.leader()).election.uncleanElections()).isEqualTo(1);
        assertThat(elect(brokers.get(2), ElectionType.UNCLEAN, tp).get(tp).error()).isEqualTo(ErrorCode.ELECTION_NOT_NEEDED);
        assertThat(adminClient.curator().getChildren().forPath(ZkPaths.ELECTIONS)).isEmpty();
    }

    @Test
    void aRequestWhoseRequesterDiedIsDeletedOnceItExpires() throws Exception {
        Duration expiry = Duration.ofSeconds(2);
        for (int id = 1; id <= 3; id++) {
            brokers.put(id, TestBroker.start(config, new ElectionConfig(id, false, Duration.ofMillis(300), expiry),
                    leaderOfEpoch, violations));
        }
        TopicMetadata topic = store.createTopic(NewTopic.withAssignment("t" + System.nanoTime(), Map.of(0, REPLICAS), Map.of()));
        TopicPartition tp = topic.partitions().get(0);
        brokers.values().forEach(b -> b.join(tp, REPLICAS));
        await().atMost(WAIT).until(() -> state(tp).hasLeader());

        String node = adminClient.curator().create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                .forPath(ZkPaths.ELECTION_PREFIX, new ElectionRequest(ElectionType.UNCLEAN, List.of(tp)).toJson());

        assertThat(adminClient.curator().checkExists().forPath(node)).as("no broker deletes a fresh request").isNotNull();
        await().atMost(expiry.plus(WAIT)).until(() -> adminClient.curator().checkExists().forPath(node) == null);
        assertThat(adminClient.curator().getChildren().forPath(ZkPaths.ELECTIONS)).isEmpty();
    }
}
