package io.ferrymq.coordinator.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.coordinator.isr.IsrUpdater;
import io.ferrymq.coordinator.registry.BrokerInfo;
import io.ferrymq.coordinator.registry.ZkBrokerRegistry;
import io.ferrymq.common.json.Json;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkPaths;
import io.ferrymq.coordinator.zk.ZkTesting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ZkMetadataStoreIT {

    private static TestingServer server;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private ZkClient client;
    private ZkMetadataStore store;
    private static int topicCounter;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        server = new TestingServer(true);
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        server.close();
    }

    @BeforeEach
    void threeBrokersAndAStore() throws Exception {
        client = track(ZkTesting.connect(server));
        client.curator().delete().deletingChildrenIfNeeded().forPath(ZkPaths.TOPICS);
        client.curator().create().forPath(ZkPaths.TOPICS);
        for (int id = 0; id < 3; id++) {
            ZkClient brokerClient = track(ZkTesting.connect(server));
            ZkBrokerRegistry registry = track(new ZkBrokerRegistry(brokerClient));
            registry.start();
            registry.register(new BrokerInfo(id, "127.0.0.1", 9000 + id, Optional.empty(), 0));
        }
        store = track(new ZkMetadataStore(client, new Random(7)));
        store.start();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    private static String newTopicName() {
        return "topic-" + (++topicCounter);
    }

    @Test
    void createdTopicIsDescribedListedAndHasEveryPartitionZnode() throws Exception {
        String name = newTopicName();
        TopicMetadata created = store.createTopic(new NewTopic(name, 6, 3, Map.of("min.insync.replicas", "2")));

        assertThat(created.partitionCount()).isEqualTo(6);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.topic(name).isPresent());
        assertThat(store.topic(name)).contains(created);
        assertThat(store.topics()).containsKey(name);
        for (TopicPartition tp : created.partitions()) {
            assertThat(client.curator().checkExists().forPath(ZkPaths.latch(tp))).isNotNull();
            Versioned<PartitionState> state = store.partitionState(tp).orElseThrow();
            assertThat(state.value()).isEqualTo(PartitionState.initial(created.replicas(tp.partition())));
            assertThat(state.version()).isZero();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> store.cachedPartitionState(new TopicPartition(name, 5)).isPresent());
    }

    /** Electors learn state changes from the cache and compare versions: the cache must carry the znode's. */
    @Test
    void stateChangesReachListenersWithTheirZnodeVersion() {
        String name = newTopicName();
        TopicMetadata created = store.createTopic(new NewTopic(name, 1, 3, Map.of()));
        TopicPartition tp = new TopicPartition(name, 0);
        List<Versioned<PartitionState>> heard = new CopyOnWriteArrayList<>();
        store.addListener(new TopicListener() {
            @Override
            public void onPartitionStateChanged(TopicPartition partition, Versioned<PartitionState> state) {
                if (partition.equals(tp)) {
                    heard.add(state);
                }
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> store.cachedPartitionState(tp).isPresent());
        List<Integer> replicas = created.replicas(0);
        PartitionState led = new PartitionState(replicas.get(0), 0, replicas, false);

        Versioned<PartitionState> first = store.updatePartitionState(tp, led, 0);
        Versioned<PartitionState> second = store.updatePartitionState(tp, led.withIsr(replicas.subList(0, 2)), first.version());

        await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains(second));
        assertThat(store.cachedPartitionState(tp)).contains(second);
        assertThat(heard.stream().map(Versioned::version).toList()).isSorted();
    }

    @Test
    void reassignmentsAreRecordedInTheTopicZnodeAndCompletedOnlyAsSeen() {
        String name = newTopicName();
        List<Integer> original = store.createTopic(new NewTopic(name, 2, 2, Map.of("retention.ms", "1000"))).replicas(0);
        TopicPartition p0 = new TopicPartition(name, 0);
        TopicPartition p1 = new TopicPartition(name, 1);
        int added = java.util.stream.IntStream.range(0, 3).filter(b -> !original.contains(b)).findFirst().orElseThrow();
        List<Integer> target = List.of(added, original.get(1));

        Map<TopicPartition, ReassignmentResult> results = store.alterPartitionReassignments(Map.of(
                p0, Optional.of(target), p1, Optional.empty(), new TopicPartition(name, 9), Optional.of(List.of(0))));

        assertThat(results.get(p0)).isEqualTo(ReassignmentResult.DONE);
        assertThat(results.get(p1).error()).isEqualTo(ErrorCode.NO_REASSIGNMENT_IN_PROGRESS);
        assertThat(results.get(new TopicPartition(name, 9)).error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        PartitionReassignment running = new PartitionReassignment(List.of(added), List.of(original.get(0)));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.topic(name).flatMap(t -> t.reassignment(0))
                .equals(Optional.of(running)));
        assertThat(store.topic(name).orElseThrow().replicas(0)).containsExactly(added, original.get(1), original.get(0));
        assertThat(store.topic(name).orElseThrow().configs()).containsEntry("retention.ms", "1000");

        assertThat(store.completeReassignment(p0, new PartitionReassignment(List.of(added), List.of()))).isFalse();
        assertThat(store.completeReassignment(p0, running)).isTrue();
        assertThat(store.completeReassignment(p0, running)).as("done once").isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> store.topic(name).orElseThrow().reassignments().isEmpty());
        assertThat(store.topic(name).orElseThrow().replicas(0)).isEqualTo(target);
    }

    @Test
    void invalidRequestsAreRefusedWithTheMatchingErrorCode() {
        assertError(() -> store.createTopic(new NewTopic("bad name", 1, 1, Map.of())), ErrorCode.INVALID_TOPIC_EXCEPTION, "illegal");
        assertError(() -> store.createTopic(new NewTopic("..", 1, 1, Map.of())), ErrorCode.INVALID_TOPIC_EXCEPTION, "'..'");
        assertError(() -> store.createTopic(new NewTopic("x".repeat(250), 1, 1, Map.of())), ErrorCode.INVALID_TOPIC_EXCEPTION, "250");
        assertError(() -> store.createTopic(new NewTopic("t", 0, 1, Map.of())), ErrorCode.INVALID_PARTITIONS, "at least 1");
        assertError(() -> store.createTopic(new NewTopic("t", 1, 4, Map.of())), ErrorCode.INVALID_REPLICATION_FACTOR, "3");
        assertError(() -> store.createTopic(new NewTopic("t", 1, 2, Map.of("min.insync.replicas", "3"))),
                ErrorCode.INVALID_CONFIG, "min.insync.replicas=3");
        assertError(() -> store.createTopic(new NewTopic("t", 1, 2, Map.of("no.such.config", "1"))),
                ErrorCode.INVALID_CONFIG, "no.such.config");
        assertError(() -> store.createTopic(new NewTopic("t", 1, 2, Map.of("retention.ms", "soon"))),
                ErrorCode.INVALID_CONFIG, "retention.ms");
        assertThat(store.topic("t")).isEmpty();
    }

    @Test
    void explicitAssignmentIsWrittenExactlyAsGivenWithReplicaOrderKept() throws Exception {
        String name = newTopicName();
        Map<Integer, List<Integer>> given = Map.of(0, List.of(2, 0, 1), 1, List.of(1, 2, 0), 2, List.of(2, 1, 0),
                3, List.of(0, 2, 1));

        TopicMetadata created = store.createTopic(NewTopic.withAssignment(name, given, Map.of("min.insync.replicas", "2")));

        assertThat(created.assignment()).isEqualTo(given);
        byte[] topicZnode = client.curator().getData().forPath(ZkPaths.topic(name));
        TopicMetadata stored = TopicCodec.fromJson(name, Json.parseObject(ZkPaths.topic(name), topicZnode));
        assertThat(stored.assignment()).isEqualTo(given);
        assertThat(stored.configs()).containsEntry("min.insync.replicas", "2");
        for (TopicPartition tp : created.partitions()) {
            assertThat(store.partitionState(tp).orElseThrow().value().isr()).containsExactlyElementsOf(given.get(tp.partition()));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> store.topic(name).isPresent());
        assertThat(store.topic(name).orElseThrow().assignment()).isEqualTo(given);
    }

    @Test
    void badExplicitAssignmentsAreRefusedAndCreateNothing() throws Exception {
        String name = newTopicName();
        assertError(() -> store.createTopic(NewTopic.withAssignment(name, Map.of(0, List.of(0, 1), 1, List.of(3, 1)), Map.of())),
                ErrorCode.INVALID_REPLICA_ASSIGNMENT, "unknown broker(s) [3]");
        assertError(() -> store.createTopic(NewTopic.withAssignment(name, Map.of(0, List.of(0, 1), 2, List.of(2, 1)), Map.of())),
                ErrorCode.INVALID_REPLICA_ASSIGNMENT, "without gaps");
        assertError(() -> store.validateNewTopic(NewTopic.withAssignment(name, Map.of(0, List.of(1, 1)), Map.of())),
                ErrorCode.INVALID_REPLICA_ASSIGNMENT, "more than once");
        assertError(() -> store.createTopic(NewTopic.withAssignment(name, Map.of(0, List.of(1)), Map.of("min.insync.replicas", "2"))),
                ErrorCode.INVALID_CONFIG, "replication factor 1");
        assertThat(client.curator().checkExists().forPath(ZkPaths.topic(name))).isNull();

        store.validateNewTopic(NewTopic.withAssignment(name, Map.of(0, List.of(1, 2)), Map.of()));
        assertThat(client.curator().checkExists().forPath(ZkPaths.topic(name))).isNull();
        store.createTopic(new NewTopic(name, 1, 1, Map.of()));
        assertError(() -> store.validateNewTopic(NewTopic.withAssignment(name, Map.of(0, List.of(1)), Map.of())),
                ErrorCode.TOPIC_ALREADY_EXISTS, name);
    }

    @Test
    void twoConcurrentCreatorsOfOneTopicGetOneSuccessAndOneTopicExists() throws Exception {
        String name = newTopicName();
        ZkMetadataStore other = track(new ZkMetadataStore(track(ZkTesting.connect(server))));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Optional<ErrorCode>>> results = new ArrayList<>();
            for (MetadataStore creator : List.of(store, other)) {
                results.add(pool.submit(outcome(go, () -> creator.createTopic(new NewTopic(name, 20, 2, Map.of())))));
            }
            go.countDown();
            List<Optional<ErrorCode>> outcomes = new ArrayList<>();
            for (Future<Optional<ErrorCode>> result : results) {
                outcomes.add(result.get(30, TimeUnit.SECONDS));
            }
            assertThat(outcomes).containsExactlyInAnyOrder(Optional.empty(), Optional.of(ErrorCode.TOPIC_ALREADY_EXISTS));
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertError(() -> store.createTopic(new NewTopic(name, 1, 1, Map.of())), ErrorCode.TOPIC_ALREADY_EXISTS, name);
    }

    @Test
    void concurrentConditionalStateWritesHaveExactlyOneWinner() throws Exception {
        TopicPartition tp = new TopicPartition(store.createTopic(new NewTopic(newTopicName(), 1, 3, Map.of())).name(), 0);
        Versioned<PartitionState> read = store.partitionState(tp).orElseThrow();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Optional<ErrorCode>>> results = new ArrayList<>();
            for (List<Integer> isr : List.of(List.of(0, 1), List.of(0, 2))) {
                results.add(pool.submit(outcome(go,
                        () -> store.updatePartitionState(tp, read.value().withIsr(isr), read.version()))));
            }
            go.countDown();
            List<Optional<ErrorCode>> outcomes = new ArrayList<>();
            for (Future<Optional<ErrorCode>> result : results) {
                outcomes.add(result.get(30, TimeUnit.SECONDS));
            }
            assertThat(outcomes).containsExactlyInAnyOrder(Optional.empty(), Optional.of(ErrorCode.UNKNOWN_SERVER_ERROR));
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(store.partitionState(tp).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void isrUpdaterRefusesAWriterThatIsNotTheLeaderAtThatEpoch() {
        TopicPartition tp = new TopicPartition(store.createTopic(new NewTopic(newTopicName(), 1, 3, Map.of())).name(), 0);
        Versioned<PartitionState> initial = store.partitionState(tp).orElseThrow();
        PartitionState led = new PartitionState(1, 0, List.of(0, 1, 2), false);
        Versioned<PartitionState> current = store.updatePartitionState(tp, led, initial.version());

        Versioned<PartitionState> shrunk = new IsrUpdater(store, 1).updateIsr(tp, 0, List.of(1, 2));
        assertThat(shrunk.value().isr()).containsExactly(1, 2);
        assertThat(shrunk.version()).isEqualTo(current.version() + 1);

        assertThatThrownBy(() -> new IsrUpdater(store, 2).updateIsr(tp, 0, List.of(2)))
                .isInstanceOf(PartitionStateConflictException.class).hasMessageContaining("no longer leads");
        assertThatThrownBy(() -> new IsrUpdater(store, 1).updateIsr(tp, current, List.of(1)))
                .isInstanceOf(PartitionStateConflictException.class)
                .satisfies(e -> assertThat(((PartitionStateConflictException) e).current()).contains(shrunk));
    }

    @Test
    void addPartitionsGrowsTheTopicWithZnodesAndRefusesShrinking() throws Exception {
        String name = newTopicName();
        store.createTopic(new NewTopic(name, 2, 2, Map.of()));

        TopicMetadata grown = store.addPartitions(name, 5);

        assertThat(grown.partitionCount()).isEqualTo(5);
        assertThat(store.partitionState(new TopicPartition(name, 4))).isPresent();
        await().atMost(Duration.ofSeconds(5)).until(() -> store.topic(name).map(TopicMetadata::partitionCount).orElse(0) == 5);
        assertError(() -> store.addPartitions(name, 5), ErrorCode.INVALID_PARTITIONS, "must be larger");
        assertError(() -> store.addPartitions("missing", 5), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "does not exist");
    }

    @Test
    void configOverridesAreReplacedAndValidated() {
        String name = newTopicName();
        store.createTopic(new NewTopic(name, 1, 2, Map.of("retention.ms", "1000")));

        TopicMetadata altered = store.alterTopicConfigs(name, Map.of("min.insync.replicas", "2"));

        assertThat(altered.configs()).isEqualTo(Map.of("min.insync.replicas", "2"));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.topic(name).orElseThrow().configs().equals(altered.configs()));
        assertError(() -> store.alterTopicConfigs(name, Map.of("min.insync.replicas", "3")), ErrorCode.INVALID_CONFIG, "replication factor 2");
    }

    @Test
    void deletionCompletesWhenEveryLiveAssignedBrokerAcknowledged() throws Exception {
        String name = newTopicName();
        TopicMetadata topic = store.createTopic(new NewTopic(name, 3, 3, Map.of()));
        List<String> events = new CopyOnWriteArrayList<>();
        store.addListener(new TopicListener() {
            @Override
            public void onTopicDeletionRequested(String t) {
                events.add("requested " + t);
            }

            @Override
            public void onTopicDeleted(String t) {
                events.add("deleted " + t);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> store.topic(name).isPresent());

        store.deleteTopic(name);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.topicsPendingDeletion().contains(name));
        assertError(() -> store.createTopic(new NewTopic(name, 1, 1, Map.of())), ErrorCode.TOPIC_ALREADY_EXISTS, "marked for deletion");
        store.acknowledgeDeletion(name, 0);
        store.acknowledgeDeletion(name, 1);
        assertThat(client.curator().checkExists().forPath(ZkPaths.topic(name))).as("broker 2 has not acked").isNotNull();
        store.acknowledgeDeletion(name, 2);

        assertThat(client.curator().checkExists().forPath(ZkPaths.topic(name))).isNull();
        assertThat(client.curator().checkExists().forPath(ZkPaths.deleteTopic(name))).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("deleted " + name));
        assertThat(events).containsExactly("requested " + name, "deleted " + name);
        assertThat(store.topic(name)).isEmpty();
        assertThat(topic.partitionCount()).isEqualTo(3);
        assertError(() -> store.deleteTopic(name), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "does not exist");
    }

    @Test
    void topicIdIsTheSameOnEveryStoreAndNewWhenTheTopicIsRecreated() throws Exception {
        String name = newTopicName();
        store.createTopic(new NewTopic(name, 2, 3, Map.of()));
        ZkMetadataStore other = track(new ZkMetadataStore(track(ZkTesting.connect(server))));
        other.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> store.topic(name).isPresent() && other.topic(name).isPresent());
        UUID first = store.topicId(name).orElseThrow();
        assertThat(other.topicId(name)).contains(first);
        assertThat(store.topicName(first)).contains(name);
        assertThat(first).isNotEqualTo(new UUID(0, 0)).isNotEqualTo(new UUID(0, 1));

        store.deleteTopic(name);
        for (int broker = 0; broker < 3; broker++) {
            store.acknowledgeDeletion(name, broker);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> store.topic(name).isEmpty() && other.topic(name).isEmpty());
        assertThat(store.topicId(name)).isEmpty();
        assertThat(store.topicName(first)).isEmpty();

        store.createTopic(new NewTopic(name, 1, 3, Map.of()));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.topicId(name).isPresent() && other.topicId(name).isPresent());
        UUID second = store.topicId(name).orElseThrow();
        assertThat(second).isNotEqualTo(first);
        assertThat(other.topicId(name)).contains(second);
        assertThat(other.topicName(second)).contains(name);
        assertThat(other.topicName(first)).isEmpty();
        assertThat(store.topicId("never-created")).isEmpty();
    }

    private static Callable<Optional<ErrorCode>> outcome(CountDownLatch go, Runnable action) {
        return () -> {
            go.await();
            try {
                action.run();
                return Optional.empty();
            } catch (ApiException e) {
                return Optional.of(e.error());
            } catch (PartitionStateConflictException e) {
                return Optional.of(ErrorCode.UNKNOWN_SERVER_ERROR);
            }
        };
    }

    private static void assertError(Runnable action, ErrorCode code, String messagePart) {
        assertThatThrownBy(action::run).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).error()).isEqualTo(code))
                .hasMessageContaining(messagePart);
    }
}
