package io.ferrymq.coordinator.election;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.metadata.NewTopic;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.metadata.TopicMetadata;
import io.ferrymq.coordinator.metadata.Versioned;
import io.ferrymq.coordinator.metadata.ZkMetadataStore;
import io.ferrymq.coordinator.registry.ZkBrokerRegistry;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkConfig;
import io.ferrymq.coordinator.zk.ZkTesting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.curator.test.TestingServer;

/**
 * Scale figure of issue 3, not part of the default test run: 3 brokers (3 Curator clients, each
 * with its own election service) × N partitions with replication factor 3 on one embedded
 * ZooKeeper. Prints the time until every partition has a leader after the electors start, the
 * leader count per broker, and the time until every leadership of one broker has moved after its
 * session is expired on the server (as ZooKeeper does when a broker stops heart-beating). Usage: {@code ElectionScaleMain [partitions=1000]}.
 */
public final class ElectionScaleMain {

    private ElectionScaleMain() {
    }

    public static void main(String[] args) throws Exception {
        int partitions = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Map<String, Integer> epochs = new ConcurrentHashMap<>();
        List<String> violations = new CopyOnWriteArrayList<>();
        List<TestBroker> brokers = new ArrayList<>();
        try (TestingServer server = new TestingServer(true)) {
            ZkConfig config = ZkTesting.config(server).withTimeouts(Duration.ofSeconds(6), Duration.ofSeconds(15));
            try (ZkClient admin = ZkClient.connect(config); ZkMetadataStore store = new ZkMetadataStore(admin)) {
                store.start();
                for (int id = 1; id <= 3; id++) {
                    brokers.add(TestBroker.start(config, id, epochs, violations));
                }
                long createStart = System.nanoTime();
                TopicMetadata topic = store.createTopic(new NewTopic("scale", partitions, 3, Map.of()));
                System.out.printf("created %d partitions (znodes in bulk) in %d ms%n", partitions, millisSince(createStart));
                waitUntil(() -> store.topic("scale").isPresent(), 30_000);

                long joinStart = System.nanoTime();
                joinAndAwaitLeaders(store, brokers, topic);
                System.out.printf("all %d partitions have a leader %d ms after the electors started%n",
                        partitions, millisSince(joinStart));
                System.out.println("leaders per broker: " + leaderCounts(store, topic));

                TestBroker victim = brokers.get(0);
                List<TopicPartition> victimLeads = topic.partitions().stream()
                        .filter(tp -> leaderOf(store, tp).orElse(-1) == victim.id).toList();
                long expiry = System.nanoTime();
                ZkTesting.expireSessionOnServer(victim.client, server);
                Set<TopicPartition> notMoved = new HashSet<>(victimLeads);
                try {
                    waitUntil(() -> {
                        notMoved.removeIf(tp -> leaderOf(store, tp).filter(l -> l != victim.id).isPresent());
                        return notMoved.isEmpty();
                    }, 30_000);
                } catch (IllegalStateException e) {
                    for (TopicPartition tp : notMoved.stream().limit(5).toList()) {
                        System.out.println("not moved: " + tp + " replicas " + topic.replicas(tp.partition()) + " state "
                                + store.partitionState(tp) + " latch " + admin.curator().getChildren()
                                .forPath(io.ferrymq.coordinator.zk.ZkPaths.latch(tp)));
                    }
                    System.out.println(notMoved.size() + " not moved");
                    throw e;
                }
                System.out.printf("%d leaderships of broker %d moved %d ms after its session expired%n",
                        victimLeads.size(), victim.id, millisSince(expiry));
                System.out.println("leaders per broker: " + leaderCounts(store, topic));
                waitUntil(() -> ZkBrokerRegistry.readLiveBrokers(admin.curator()).size() == 3, 60_000);
                TopicMetadata warm = store.createTopic(new NewTopic("scale-warm", partitions, 3, Map.of()));
                waitUntil(() -> store.topic("scale-warm").isPresent(), 30_000);
                long warmStart = System.nanoTime();
                joinAndAwaitLeaders(store, brokers, warm);
                System.out.printf("second topic, warm JVM: all %d partitions have a leader %d ms after the electors started%n",
                        partitions, millisSince(warmStart));
                System.out.println("violations: " + violations);
            } finally {
                brokers.forEach(TestBroker::close);
            }
        }
    }

    private static void joinAndAwaitLeaders(ZkMetadataStore store, List<TestBroker> brokers, TopicMetadata topic)
            throws InterruptedException {
        for (TopicPartition tp : topic.partitions()) {
            for (TestBroker broker : brokers) {
                broker.join(tp, topic.replicas(tp.partition()));
            }
        }
        Set<TopicPartition> leaderless = new HashSet<>(topic.partitions());
        waitUntil(() -> {
            leaderless.removeIf(tp -> leaderOf(store, tp).isPresent());
            return leaderless.isEmpty();
        }, 60_000);
    }

    private static Optional<Integer> leaderOf(ZkMetadataStore store, TopicPartition tp) {
        return store.cachedPartitionState(tp).map(Versioned::value).filter(PartitionState::hasLeader).map(PartitionState::leader);
    }

    private static Map<Integer, Integer> leaderCounts(ZkMetadataStore store, TopicMetadata topic) {
        Map<Integer, Integer> counts = new TreeMap<>();
        topic.partitions().forEach(tp -> leaderOf(store, tp).ifPresent(l -> counts.merge(l, 1, Integer::sum)));
        return counts;
    }

    private static void waitUntil(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not reached within " + timeoutMs + " ms");
            }
            Thread.sleep(10);
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
