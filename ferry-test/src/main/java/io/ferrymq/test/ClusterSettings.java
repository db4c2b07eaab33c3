package io.ferrymq.test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link FerryTestCluster} was asked for: the broker and ZooKeeper server counts, the topics to create, the
 * broker settings (test defaults with the caller's on top), whether brokers open a Kafka listener,
 * where the data lives (empty: a temporary directory the cluster deletes) and how long each step
 * may take. Immutable.
 */
record ClusterSettings(int brokers, int zooKeeperServers, List<TopicSpec> topics, Map<String, String> brokerConfig,
                       boolean kafkaListener, Optional<Path> baseDirectory, Duration timeout) {

    /** Broker settings the cluster sets itself. */
    static final Set<String> MANAGED_KEYS = Set.of("broker.id", "log.dirs", "listeners", "zookeeper.connect");

    ClusterSettings {
        topics = List.copyOf(topics);
        brokerConfig = Map.copyOf(brokerConfig);
    }

    /**
     * Small thread pools, a short ZooKeeper session and no JMX (several brokers share one test JVM
     * and its MBean server), and no initial rebalance delay, so a test's first consumer gets its
     * partitions at once.
     */
    static Map<String, String> testDefaults(int replicationFactor) {
        return Map.of("num.network.threads", "1", "num.io.threads", "2",
                "zookeeper.session.timeout.ms", "6000", "zookeeper.connection.timeout.ms", "6000",
                "metrics.jmx.enable", "false", "group.initial.rebalance.delay.ms", "0",
                "default.replication.factor", Integer.toString(replicationFactor),
                "offsets.topic.replication.factor", Integer.toString(replicationFactor));
    }
}
