package io.ferrymq.broker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.Broker;
import io.ferrymq.broker.cluster.TopicAdmin;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest;
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

    @Test
    void aReplicaWhoseDirIsOfflineAtRestartStartsOfflineAndIsReported() throws Exception {
        Path d1 = tempDir.resolve("d1");
        Path d2 = tempDir.resolve("d2");
        Map<String, String> twoDirs = Map.of("log.dirs", d1 + "," + d2);
        broker = SingleBroker.start(d1, zookeeper.getConnectString(), twoDirs);
        String bootstrap = "127.0.0.1:" + broker.boundAddress().getPort();
        TopicAdmin.createTopic(bootstrap, new CreateTopicsRequest.TopicSpec("t", 2, (short) 1, Map.of()), WAIT);
        TopicAdmin.awaitFullyReplicated(bootstrap, "t", 2, WAIT);
        TopicPartition inD2 = new TopicPartition("t", Files.isDirectory(d2.resolve("t-0")) ? 0 : 1);
        TopicPartition inD1 = new TopicPartition("t", 1 - inD2.partition());
        broker.close();
        Files.move(d2, tempDir.resolve("d2.gone"));
        Files.writeString(d2, "the disk is gone");

        broker = SingleBroker.start(d1, zookeeper.getConnectString(), twoDirs);

        await().atMost(WAIT).untilAsserted(() -> assertThat(
                ZkBrokerRegistry.readLiveBrokers(zk.curator()).get(1).offline().replicas()).containsExactly(inD2));
        assertThat(broker.replicaManager().partition(inD2)).isEmpty();
        assertThat(broker.replicaManager().partition(inD1)).isPresent();
        assertThat(d1.resolve("t-" + inD2.partition())).as("no empty replica created in the other dir").doesNotExist();
    }
}
