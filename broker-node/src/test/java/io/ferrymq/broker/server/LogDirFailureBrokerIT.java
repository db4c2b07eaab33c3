package io.ferrymq.broker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.Broker;
import io.ferrymq.coordinator.registry.BrokerInfo;
import io.ferrymq.coordinator.registry.LogDirEventNotifications;
import io.ferrymq.coordinator.registry.ZkBrokerRegistry;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One in-process broker on a real ZooKeeper whose log dirs fail for real: a dir path that is a
 * regular file (no root needed; opening or writing there fails with {@code ENOTDIR}).
 */
class LogDirFailureBrokerIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tempDir;

    private TestingServer zookeeper;
    private ZkClient zk;
    private Broker broker;

    @BeforeEach
    void start() throws Exception {
        zookeeper = new TestingServer(true);
        zk = ZkClient.connect(ZkConfig.of(zookeeper.getConnectString()));
    }

    @AfterEach
    void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
        zk.close();
        zookeeper.close();
    }

    @Test
    void aDirThatCannotOpenStartsOfflineAndTheRegistrationAndAnEventSaySo() throws Exception {
        Path good = tempDir.resolve("d1");
        Path bad = tempDir.resolve("d2");
        Files.writeString(bad, "not a directory");

        broker = SingleBroker.start(good, zookeeper.getConnectString(), Map.of("log.dirs", good + "," + bad));

        await().atMost(WAIT).untilAsserted(() -> {
            BrokerInfo registered = ZkBrokerRegistry.readLiveBrokers(zk.curator()).get(1);
            assertThat(registered.offline().logDirs()).containsExactly(bad.toString());
            assertThat(new LogDirEventNotifications(zk.curator()).notificationsOf(1)).hasSize(1);
        });
    }

    @Test
    void aBrokerWhoseEveryDirFailsShutsDownAndDeregisters() throws Exception {
        Path only = tempDir.resolve("d1");
        broker = SingleBroker.start(only, zookeeper.getConnectString(),
                Map.of("replica.high.watermark.checkpoint.interval.ms", "100"));
        assertThat(ZkBrokerRegistry.readLiveBrokers(zk.curator())).containsKey(1);

        Files.move(only, tempDir.resolve("d1.gone"));
        Files.writeString(only, "the disk is gone");

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
            try {
                broker.awaitShutdown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopped.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(ZkBrokerRegistry.readLiveBrokers(zk.curator())).doesNotContainKey(1);
    }
}
