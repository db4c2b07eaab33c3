package io.ferrymq.coordinator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkPaths;
import io.ferrymq.coordinator.zk.ZkTesting;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogDirEventNotificationsIT {

    private TestingServer server;
    private ZkClient zk;

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(true);
        zk = ZkTesting.connect(server);
    }

    @AfterEach
    void stop() throws Exception {
        zk.close();
        server.close();
    }

    @Test
    void aFailureIsAPersistentSequentialNodeInKafkasFormAndABrokerRemovesOnlyItsOwn() throws Exception {
        LogDirEventNotifications events = new LogDirEventNotifications(zk.curator());

        String first = events.recordFailure(1);
        String second = events.recordFailure(1);
        String other = events.recordFailure(2);

        assertThat(first).matches("/log_dir_event_notification/log_dir_event_\\d{10}");
        assertThat(second).isGreaterThan(first);
        assertThat(new String(zk.curator().getData().forPath(first), StandardCharsets.UTF_8))
                .isEqualTo("{\"version\":1,\"broker\":1,\"event\":1}");
        assertThat(events.removeOwn(1)).isEqualTo(2);
        assertThat(zk.curator().getChildren().forPath(ZkPaths.LOG_DIR_EVENT_NOTIFICATION))
                .containsExactly(other.substring(other.lastIndexOf('/') + 1));
        assertThat(events.removeOwn(3)).isZero();
    }

    @Test
    void anUpdatedRegistrationReachesOtherBrokersCachesAndTheirServingSets() {
        ZkClient otherZk = ZkTesting.connect(server);
        try (ZkBrokerRegistry self = new ZkBrokerRegistry(zk); ZkBrokerRegistry other = new ZkBrokerRegistry(otherZk)) {
            self.start();
            other.start();
            BrokerInfo info = new BrokerInfo(1, "h", 1, Optional.empty(), 7);
            self.register(info);
            TopicPartition failed = new TopicPartition("t", 0);

            self.updateRegistration(info.withOffline(
                    new OfflineStorage(new TreeSet<>(List.of("/d1")), new TreeSet<>(List.of(failed)))));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(other.broker(1).orElseThrow().offline().logDirs()).containsExactly("/d1");
                assertThat(other.brokersServing(failed)).isEmpty();
                assertThat(other.brokersServing(new TopicPartition("t", 1))).containsExactly(1);
            });
        } finally {
            otherZk.close();
        }
    }
}
