package io.ferrymq.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a {@link FerryTestCluster} in order: ZooKeeper ({@link ZooKeeperServers}), the cluster's
 * own ZooKeeper view, the brokers one by one, then the topics. A
 * failure at any step stops what started, in reverse, deletes a directory it created, and is
 * rethrown. Stateless and thread-safe.
 */
final class ClusterLauncher {

    private ClusterLauncher() {
    }

    static FerryTestCluster start(ClusterSettings settings) {
        Path base = settings.baseDirectory().orElseGet(ClusterLauncher::temporaryDirectory);
        List<AutoCloseable> started = new ArrayList<>();
        try {
            ZooKeeperServers zookeeper = ZooKeeperServers.start(base, settings.zooKeeperServers());
            started.add(zookeeper);
            ZooKeeperView view = ZooKeeperView.connect(zookeeper.connectString());
            started.add(view);
            List<EmbeddedBroker> brokers = new ArrayList<>();
            for (int id = 0; id < settings.brokers(); id++) {
                Map<String, String> config = new HashMap<>(settings.brokerConfig());
                config.put("zookeeper.connect", zookeeper.connectString());
                EmbeddedBroker broker = new EmbeddedBroker(id, base.resolve("broker-" + id), config,
                        settings.kafkaListener());
                broker.start();
                started.add(broker::kill);
                brokers.add(broker);
            }
            FerryTestCluster cluster = new FerryTestCluster(settings, base, zookeeper, view, brokers);
            settings.topics().forEach(cluster::createTopic);
            return cluster;
        } catch (Exception e) {
            for (int i = started.size() - 1; i >= 0; i--) {
                FerryTestCluster.closeQuietly(started.get(i), e);
            }
            if (settings.baseDirectory().isEmpty()) {
                TempDirectories.delete(base);
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot start a Ferry test cluster", e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("ferry-test-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for a Ferry test cluster", e);
        }
    }
}
