package io.ferrymq.coordinator.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.isr.IsrUpdater;
import io.ferrymq.coordinator.metadata.NewTopic;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.metadata.PartitionStateConflictException;
import io.ferrymq.coordinator.metadata.TopicMetadata;
import io.ferrymq.coordinator.metadata.Versioned;
import io.ferrymq.coordinator.metadata.ZkMetadataStore;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkConfig;
import io.ferrymq.coordinator.zk.ZkPaths;
import io.ferrymq.coordinator.zk.ZkTesting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.Watcher.WatcherType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeaderElectionIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

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

    private TestBroker startBroker(int id, ElectionConfig electionConfig) {
        TestBroker broker = new TestBroker(config, id, electionConfig, leaderOfEpoch, violations);
        brokers.put(id, broker);
        return broker;
    }

    private TopicMetadata createTopic(int partitions) {
        String name = "t" + System.nanoTime();
        return store.createTopic(new NewTopic(name, partitions, 3, Map.of()));
    }

    private void joinAll(TopicMetadata topic) {
        for (TopicPartition tp : topic.partitions()) {
            for (int replica : topic.replicas(tp.partition())) {
                brokers.get(replica).join(tp, topic.replicas(tp.partition()));
            }
        }
    }

    private PartitionState state(TopicPartition tp) {
        return store.partitionState(tp).orElseThrow().value();
    }

    /** Waits until one broker leads in its own view and in ZooKeeper, at the same epoch; returns it. */
    private TestBroker awaitSingleLeader(TopicPartition tp) {
        await().atMost(WAIT).until(() -> {
            PartitionState state = state(tp);
            TestBroker leader = brokers.get(state.leader());
            return leader != null && leader.isLeader(tp) && leader.epoch(tp) == state.leaderEpoch()
                    && brokers.values().stream().filter(b -> b.isLeader(tp)).count() == 1;
        });
        return brokers.get(state(tp).leader());
    }

    private Set<Integer> latchParticipants(TopicPartition tp) throws Exception {
        Set<Integer> ids = new HashSet<>();
        for (String child : adminClient.curator().getChildren().forPath(ZkPaths.latch(tp))) {
            try {
                ids.add(Integer.parseInt(new String(adminClient.curator().getData().forPath(ZkPaths.latch(tp) + "/" + child))));
            } catch (org.apache.zookeeper.KeeperException.NoNodeException gone) {
                // the participant left between listing and reading
            }
        }
        return ids;
    }

    /** What the leader's replication does once a follower caught up: put it back into the ISR. */
    private void restoreIsr(TopicPartition tp, List<Integer> isr) {
        await().atMost(WAIT).untilAsserted(() -> {
            for (int id : isr) {
                assertThat(brokers.get(id).registry.liveBrokerIds()).contains(id);
            }
            Versioned<PartitionState> current = store.partitionState(tp).orElseThrow();
            if (!new HashSet<>(current.value().isr()).equals(new HashSet<>(isr))) {
                try {
                    new IsrUpdater(store, current.value().leader()).updateIsr(tp, current, isr);
                } catch (PartitionStateConflictException retry) {
                    throw new AssertionError("ISR write raced: " + retry.getMessage());
                }
            }
            assertThat(latchParticipants(tp)).containsExactlyInAnyOrderElementsOf(isr);
        });
    }

    @Test
    void fiftyForcedFailoversKeepOneLeaderPerEpochWithIncreasingEpochs() throws Exception {
        for (int id = 1; id <= 3; id++) {
            startBroker(id);
        }
        TopicMetadata topic = createTopic(1);
        TopicPartition tp = topic.partitions().get(0);
        List<Integer> replicas = topic.replicas(0);
        joinAll(topic);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleWithFixedDelay(() -> sampleAtMostOneCurrentLeader(tp), 5, 5, TimeUnit.MILLISECONDS);
        try {
            List<Integer> epochs = new ArrayList<>();
            for (int round = 0; round < 50; round++) {
                TestBroker leader = awaitSingleLeader(tp);
                epochs.add(state(tp).leaderEpoch());
                restoreIsr(tp, replicas);
                if (round % 2 == 0) {
                    ZkTesting.expireSessionOnServer(leader.client, server);
                    await().atMost(ZkTesting.SESSION_TIMEOUT).until(() -> !leader.isLeader(tp));
                } else {
                    brokers.remove(leader.id).close();
                    startBroker(leader.id).join(tp, replicas);
                }
            }
            epochs.add(awaitSingleLeader(tp).epoch(tp));
            assertThat(epochs).isSorted().doesNotHaveDuplicates().hasSize(51);
        } finally {
            sampler.shutdownNow();
            assertThat(sampler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(violations).isEmpty();
    }

    private void sampleAtMostOneCurrentLeader(TopicPartition tp) {
        try {
            PartitionState state = state(tp);
            long current = brokers.values().stream()
                    .filter(b -> b.isLeader(tp) && b.epoch(tp) == state.leaderEpoch()).count();
            if (current > 1) {
                violations.add(current + " brokers lead " + tp + " at epoch " + state.leaderEpoch());
            }
        } catch (RuntimeException e) {
            // a broker may be closing while sampled; the next sample looks again
        }
    }

    @Test
    void leaderWhoseSessionExpiresOnTheServerIsToldWithinTheSessionTimeout() {
        for (int id = 1; id <= 3; id++) {
            startBroker(id);
        }
        TopicMetadata topic = createTopic(1);
        TopicPartition tp = topic.partitions().get(0);
        joinAll(topic);
        TestBroker leader = awaitSingleLeader(tp);
        int epoch = leader.epoch(tp);

        ZkTesting.expireSessionOnServer(leader.client, server);

        await().atMost(ZkTesting.SESSION_TIMEOUT).until(() -> !leader.isLeader(tp));
        assertThat(leader.events).contains(new TestBroker.Event(leader.id, tp, false, -1, epoch));
        TestBroker next = awaitSingleLeader(tp);
        assertThat(next.epoch(tp)).isGreaterThan(epoch);
        assertThat(violations).isEmpty();
    }

    /** Electors set no watch on {@code state}: the follower hears of the new leader through its broker's metadata cache. */
    @Test
    void theRemainingFollowerHearsTheNewLeaderAndEpochAfterAFailover() {
        for (int id = 1; id <= 3; id++) {
            startBroker(id);
        }
        TopicMetadata topic = createTopic(1);
        TopicPartition tp = topic.partitions().get(0);
        joinAll(topic);
        TestBroker leader = awaitSingleLeader(tp);

        brokers.remove(leader.id).close();

        TestBroker next = awaitSingleLeader(tp);
        int epoch = next.epoch(tp);
        TestBroker follower = brokers.values().stream().filter(b -> b != next).findFirst().orElseThrow();
        await().atMost(WAIT).untilAsserted(() -> assertThat(follower.events)
                .contains(new TestBroker.Event(follower.id, tp, false, next.id, epoch)));
        assertThat(violations).isEmpty();
    }

    @Test
    void replicaOutsideTheIsrNeverJoinsTheLatchNorLeads() throws Exception {
        for (int id = 1; id <= 3; id++) {
            startBroker(id);
        }
        TopicMetadata topic = createTopic(1);
        TopicPartition tp = topic.partitions().get(0);
        List<Integer> replicas = topic.replicas(0);
        joinAll(topic);
        int outsider = replicas.get(2);
        List<Integer> isr = replicas.subList(0, 2);
        awaitSingleLeader(tp);
        restoreIsr(tp, isr);

        for (int round = 0; round < 6; round++) {
            TestBroker leader = awaitSingleLeader(tp);
            brokers.remove(leader.id).close();
            startBroker(leader.id).join(tp, replicas);
            awaitSingleLeader(tp);
            restoreIsr(tp, isr);
            assertThat(latchParticipants(tp)).doesNotContain(outsider);
        }
        TestBroker last = awaitSingleLeader(tp);
        int epoch = last.epoch(tp);
        int follower = isr.get(0) == last.id ? isr.get(1) : isr.get(0);
        brokers.remove(follower).close();
        brokers.remove(last.id).close();
        startBroker(last.id).join(tp, replicas);

        TestBroker next = awaitSingleLeader(tp);
        assertThat(next.id).isEqualTo(last.id);
        assertThat(next.epoch(tp)).as("nobody led while the ISR was gone").isEqualTo(epoch + 1);
        assertThat(brokers.get(outsider).wasEverLeader()).isFalse();
        assertThat(violations).isEmpty();
    }

    @Test
    void replicaJoinsTheLatchOnceTheLeaderPutsItBackIntoTheIsr() throws Exception {
        for (int id = 1; id <= 3; id++) {
            startBroker(id);
        }
        TopicMetadata topic = createTopic(1);
        TopicPartition tp = topic.partitions().get(0);
        List<Integer> replicas = topic.replicas(0);
        joinAll(topic);
        awaitSingleLeader(tp);
        restoreIsr(tp, replicas.subList(0, 2));
        assertThat(latchParticipants(tp)).doesNotContain(replicas.get(2));

        restoreIsr(tp, replicas);

        assertThat(latchParticipants(tp)).contains(replicas.get(2));
    }

    /** A watch lost with a connection, simulated by removing the replica's watch on {@code state}. */
    @Test
    void replicaThatMissedTheIsrChangeStillJoinsTheLatchThroughItsSelfCheck() throws Exception {
        for (int id = 1; id <= 3; id++) {
            startBroker(id);
        }
        TopicMetadata topic = createTopic(1);
        TopicPartition tp = topic.partitions().get(0);
        List<Integer> replicas = topic.replicas(0);
        joinAll(topic);
        awaitSingleLeader(tp);
        int outsider = replicas.get(2);
        restoreIsr(tp, replicas.subList(0, 2));
        await().atMost(WAIT).until(() -> !latchParticipants(tp).contains(outsider));

        ZooKeeper outsiderZk = brokers.get(outsider).client.curator().getZookeeperClient().getZooKeeper();
        long quiet = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        do {
            try {
                outsiderZk.removeAllWatches(config.chroot() + ZkPaths.state(tp), WatcherType.Data, true);
            } catch (KeeperException.NoWatcherException alreadyRemoved) {
                // removed on an earlier pass; looking again catches a read that re-armed it
            }
            Thread.sleep(100);
        } while (System.nanoTime() < quiet);
        Versioned<PartitionState> current = store.partitionState(tp).orElseThrow();
        new IsrUpdater(store, current.value().leader()).updateIsr(tp, current, replicas);

        await().atMost(LeaderElectionService.RECONCILE_INTERVAL.multipliedBy(3))
                .untilAsserted(() -> assertThat(latchParticipants(tp)).contains(outsider));
    }

    @Test
    void uncleanElectionLetsAnOutOfIsrReplicaLeadOnlyWhenEnabled() {
        for (int id = 1; id <= 2; id++) {
            startBroker(id);
        }
        startBroker(3, new ElectionConfig(3, true, Duration.ofMillis(100)));
        TopicMetadata topic = createTopic(1);
        TopicPartition tp = topic.partitions().get(0);
        List<Integer> replicas = topic.replicas(0);
        joinAll(topic);
        awaitSingleLeader(tp);
        int only = replicas.get(0) == 3 ? replicas.get(1) : replicas.get(0);
        restoreIsr(tp, List.of(only));
        await().atMost(WAIT).until(() -> state(tp).leader() == only && brokers.get(only).isLeader(tp));

        brokers.remove(only).close();

        await().atMost(WAIT).until(() -> brokers.get(3).isLeader(tp));
        PartitionState state = state(tp);
        assertThat(state.leader()).isEqualTo(3);
        assertThat(state.unclean()).isTrue();
        assertThat(state.isr()).containsExactly(3);
        assertThat(brokers.get(3).election.uncleanElections()).isEqualTo(1);
        int clean = replicas.stream().filter(b -> b != 3 && b != only).findFirst().orElseThrow();
        assertThat(brokers.get(clean).wasEverLeader()).isFalse();
    }

    @Test
    void aTopicLevelUncleanElectionTurnedOnLiveLetsTheOutOfIsrReplicaLead() {
        for (int id = 1; id <= 3; id++) {
            startBroker(id);
        }
        TopicMetadata topic = createTopic(1);
        TopicPartition tp = topic.partitions().get(0);
        List<Integer> replicas = topic.replicas(0);
        joinAll(topic);
        awaitSingleLeader(tp);
        int only = replicas.get(0) == 3 ? replicas.get(1) : replicas.get(0);
        restoreIsr(tp, List.of(only));
        await().atMost(WAIT).until(() -> state(tp).leader() == only && brokers.get(only).isLeader(tp));

        brokers.values().forEach(b -> b.election.setUncleanLeaderElection(tp, b.id == 3));
        brokers.remove(only).close();

        await().atMost(WAIT).until(() -> brokers.get(3).isLeader(tp));
        assertThat(state(tp).unclean()).isTrue();
        int clean = replicas.stream().filter(b -> b != 3 && b != only).findFirst().orElseThrow();
        assertThat(brokers.get(clean).wasEverLeader()).isFalse();
    }

    @Test
    void preferredReplicasLeadSoLeadershipIsBalanced() {
        for (int id = 1; id <= 3; id++) {
            startBroker(id, new ElectionConfig(id, false, Duration.ofSeconds(3)));
        }
        TopicMetadata topic = createTopic(30);
        joinAll(topic);

        await().atMost(WAIT).until(() -> topic.partitions().stream().allMatch(tp -> state(tp).hasLeader()));

        Map<Integer, Integer> leaderCounts = new TreeMap<>();
        for (TopicPartition tp : topic.partitions()) {
            assertThat(state(tp).leader()).as("leader of %s", tp).isEqualTo(topic.replicas(tp.partition()).get(0));
            leaderCounts.merge(state(tp).leader(), 1, Integer::sum);
        }
        assertThat(leaderCounts).containsValues(10, 10, 10);
    }

    @Test
    void theFirstReplicaOfAnExplicitAssignmentLeadsEvenWhenItJoinsLast() {
        for (int id = 1; id <= 3; id++) {
            startBroker(id, new ElectionConfig(id, false, Duration.ofSeconds(3)));
        }
        Map<Integer, List<Integer>> given = Map.of(0, List.of(3, 2, 1), 1, List.of(2, 1, 3), 2, List.of(3, 1, 2));
        TopicMetadata topic = store.createTopic(NewTopic.withAssignment("pinned", given, Map.of()));
        for (TopicPartition tp : topic.partitions()) {
            List<Integer> replicas = topic.replicas(tp.partition());
            for (int i = replicas.size() - 1; i >= 0; i--) {
                brokers.get(replicas.get(i)).join(tp, replicas);
            }
        }

        await().atMost(WAIT).until(() -> topic.partitions().stream().allMatch(tp -> state(tp).hasLeader()));

        for (TopicPartition tp : topic.partitions()) {
            assertThat(state(tp).leader()).as("leader of %s", tp).isEqualTo(given.get(tp.partition()).get(0));
        }
    }

    /** Waits until the broker's elector of {@code tp} has read the state, and so joined or is waiting to join. */
    private void awaitStateRead(int broker, TopicPartition tp) {
        await().atMost(WAIT).until(() -> brokers.get(broker).election.get(tp)
                .map(e -> ((ZkLeaderElector) e).knownState().isPresent()).orElse(false));
    }

    @Test
    void replicasStartedBeforeTheirPreferredReplicaRegisteredWaitForItAsAfterARestartOfEveryBroker() {
        // a grace longer than every wait below: only the preferred replica's join can end theirs in time
        for (int id = 1; id <= 3; id++) {
            startBroker(id, new ElectionConfig(id, false, WAIT.multipliedBy(4)));
        }
        List<Integer> replicas = List.of(1, 2, 3);
        TopicPartition tp = store.createTopic(NewTopic.withAssignment("t" + System.nanoTime(), Map.of(0, replicas),
                Map.of())).partitions().get(0);
        brokers.remove(1).close();
        await().atMost(WAIT).until(() -> !brokers.get(2).registry.liveBrokerIds().contains(1)
                && !brokers.get(3).registry.liveBrokerIds().contains(1));
        brokers.get(3).join(tp, replicas);
        brokers.get(2).join(tp, replicas);
        awaitStateRead(3, tp);
        awaitStateRead(2, tp);

        startBroker(1, new ElectionConfig(1, false, WAIT.multipliedBy(4))).join(tp, replicas);

        assertThat(awaitSingleLeader(tp).id).isEqualTo(1);
        assertThat(brokers.get(2).wasEverLeader()).isFalse();
        assertThat(brokers.get(3).wasEverLeader()).isFalse();
    }

    @Test
    void aReplicaWaitingForThePreferredReplicaJoinsAtOnceWhenThePreferredLeavesTheIsr() {
        for (int id = 1; id <= 3; id++) {
            startBroker(id, new ElectionConfig(id, false, WAIT.multipliedBy(4)));
        }
        List<Integer> replicas = List.of(1, 2, 3);
        TopicPartition tp = store.createTopic(NewTopic.withAssignment("t" + System.nanoTime(), Map.of(0, replicas),
                Map.of())).partitions().get(0);
        brokers.get(2).join(tp, replicas);
        brokers.get(3).join(tp, replicas);
        awaitStateRead(2, tp);
        awaitStateRead(3, tp);

        Versioned<PartitionState> waiting = store.partitionState(tp).orElseThrow();
        store.updatePartitionState(tp, waiting.value().withIsr(List.of(2, 3)), waiting.version());

        assertThat(awaitSingleLeader(tp).id).isEqualTo(2);
    }

    @Test
    void resignHandsLeadershipToAnotherIsrMember() {
        for (int id = 1; id <= 3; id++) {
            startBroker(id);
        }
        TopicMetadata topic = createTopic(1);
        TopicPartition tp = topic.partitions().get(0);
        joinAll(topic);
        TestBroker leader = awaitSingleLeader(tp);
        int epoch = leader.epoch(tp);

        leader.election.get(tp).orElseThrow().resign();

        assertThat(leader.isLeader(tp)).isFalse();
        assertThat(leader.events).contains(new TestBroker.Event(leader.id, tp, false, -1, epoch));
        TestBroker next = awaitSingleLeader(tp);
        assertThat(next.id).isNotEqualTo(leader.id);
        assertThat(next.epoch(tp)).isEqualTo(epoch + 1);
        await().atMost(WAIT).until(() -> leader.events.contains(new TestBroker.Event(leader.id, tp, false, next.id, epoch + 1)));
    }

    /** Broker 1 (preferred) leads, goes away and comes back; the successor's epoch is returned. */
    private int preferredLeaderLeavesAndReturns(TopicPartition tp, boolean backInIsr) {
        assertThat(awaitSingleLeader(tp).id).isEqualTo(1);
        brokers.remove(1).close();
        int epoch = awaitSingleLeader(tp).epoch(tp);
        startBroker(1).join(tp, List.of(1, 2, 3));
        if (backInIsr) {
            restoreIsr(tp, List.of(1, 2, 3));
        }
        return epoch;
    }

    private TopicPartition topicPreferring1() {
        for (int id = 1; id <= 3; id++) {
            startBroker(id);
        }
        TopicMetadata topic = store.createTopic(NewTopic.withAssignment("t" + System.nanoTime(),
                Map.of(0, List.of(1, 2, 3)), Map.of()));
        joinAll(topic);
        return topic.partitions().get(0);
    }

    @Test
    void oneRebalanceRoundHandsLeadershipBackToThePreferredReplicaInOneMove() {
        TopicPartition tp = topicPreferring1();
        int epoch = preferredLeaderLeavesAndReturns(tp, true);
        int successor = state(tp).leader();
        assertThat(successor).isNotEqualTo(1);

        brokers.values().forEach(b -> b.election.rebalancePreferredLeaders());

        await().atMost(WAIT).until(() -> state(tp).leader() == 1);

        TestBroker leader = awaitSingleLeader(tp);
        assertThat(leader.id).isEqualTo(1);
        assertThat(leader.epoch(tp)).as("one leadership move, straight to the preferred replica").isEqualTo(epoch + 1);
        await().atMost(WAIT).until(() -> brokers.get(successor).events.contains(
                new TestBroker.Event(successor, tp, false, 1, epoch + 1)));
        assertThat(violations).isEmpty();
    }

    @Test
    void rebalanceRoundsMoveNothingWhileThePreferredReplicaIsOutOfTheIsrAndOneMoveOnceItIsBack() {
        TopicPartition tp = topicPreferring1();
        int epoch = preferredLeaderLeavesAndReturns(tp, false);
        for (int round = 0; round < 5; round++) {
            brokers.values().forEach(b -> b.election.rebalancePreferredLeaders());
        }

        restoreIsr(tp, List.of(1, 2, 3));
        brokers.values().forEach(b -> b.election.rebalancePreferredLeaders());

        await().atMost(WAIT).until(() -> state(tp).leader() == 1);
        TestBroker leader = awaitSingleLeader(tp);
        assertThat(leader.id).isEqualTo(1);
        assertThat(leader.epoch(tp)).as("the rounds while out of the ISR moved nothing").isEqualTo(epoch + 1);
        assertThat(leader.events.stream().filter(TestBroker.Event::leader)).hasSize(1);
        assertThat(violations).isEmpty();
    }
}
