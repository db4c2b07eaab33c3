package io.ferrymq.test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Configures a {@link FerryTestCluster}: how many brokers, the topics to create, broker settings
 * on top of the test defaults, whether brokers open a Kafka listener, where the data lives.
 * {@link #start()} starts it. Not thread-safe (use from the thread that starts the cluster).
 */
public final class FerryTestClusterBuilder {

    private int brokers = 1;
    private int zooKeeperServers = 1;
    private final List<PendingTopic> topics = new ArrayList<>();
    private final Map<String, String> brokerConfig = new HashMap<>();
    private boolean kafkaListener = true;
    private Optional<Path> baseDirectory = Optional.empty();
    private Duration timeout = Duration.ofSeconds(30);

    FerryTestClusterBuilder() {
    }

    /** The number of brokers, ids {@code 0..n-1}; 1 by default. */
    public FerryTestClusterBuilder brokers(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a cluster needs at least one broker, not " + count);
        }
        this.brokers = count;
        return this;
    }

    /**
     * The number of ZooKeeper servers: 1 (curator-test's {@code TestingServer}, the default) or an
     * ensemble of 3 or more ({@code TestingCluster}), whose servers
     * {@link FerryTestCluster#killZooKeeperServer} can stop.
     */
    public FerryTestClusterBuilder zooKeeperServers(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("ZooKeeper needs at least one server, not " + count);
        }
        this.zooKeeperServers = count;
        return this;
    }

    /** A topic created before {@link #start()} returns, every partition led and fully in sync. */
    public FerryTestClusterBuilder topic(String name, int partitions, int replicationFactor) {
        topics.add(new PendingTopic(name, partitions, OptionalInt.of(replicationFactor)));
        return this;
    }

    /** As {@link #topic(String, int, int)}, replicated on {@code min(brokers, 3)} brokers. */
    public FerryTestClusterBuilder topic(String name, int partitions) {
        topics.add(new PendingTopic(name, partitions, OptionalInt.empty()));
        return this;
    }

    /**
     * A broker setting (a key of docs/CONFIGURATION.md) for every broker, on top of the test
     * defaults; {@code broker.id}, {@code log.dirs}, {@code listeners} and {@code zookeeper.connect}
     * belong to the cluster and are refused.
     */
    public FerryTestClusterBuilder brokerConfig(String key, String value) {
        if (ClusterSettings.MANAGED_KEYS.contains(key)) {
            throw new IllegalArgumentException(key + " is set by the test cluster itself");
        }
        brokerConfig.put(key, value);
        return this;
    }

    /** Whether every broker also opens a Kafka-protocol listener (on by default). */
    public FerryTestClusterBuilder kafkaListener(boolean enabled) {
        this.kafkaListener = enabled;
        return this;
    }

    /**
     * Where ZooKeeper and the brokers keep their data (e.g. a JUnit {@code @TempDir}); by default a
     * new temporary directory that {@link FerryTestCluster#close()} deletes.
     */
    public FerryTestClusterBuilder baseDirectory(Path directory) {
        this.baseDirectory = Optional.of(directory);
        return this;
    }

    /** How long starting (a broker, the topics) and each fault hook may take; 30 s by default. */
    public FerryTestClusterBuilder timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** Starts ZooKeeper, the brokers and the topics; on failure stops what started and throws. */
    public FerryTestCluster start() {
        int defaultFactor = Math.min(brokers, 3);
        List<TopicSpec> specs = topics.stream().map(t -> new TopicSpec(t.name(), t.partitions(),
                t.replicationFactor().orElse(defaultFactor))).toList();
        specs.stream().filter(t -> t.replicationFactor() > brokers).findFirst().ifPresent(t -> {
            throw new IllegalArgumentException("topic " + t.name() + " asks for " + t.replicationFactor()
                    + " replicas of " + brokers + " broker(s)");
        });
        Map<String, String> config = new HashMap<>(ClusterSettings.testDefaults(defaultFactor));
        config.putAll(brokerConfig);
        return ClusterLauncher.start(new ClusterSettings(brokers, zooKeeperServers, specs, config, kafkaListener,
                baseDirectory, timeout));
    }

    private record PendingTopic(String name, int partitions, OptionalInt replicationFactor) {
    }
}
