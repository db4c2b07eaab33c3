package io.ferrymq.coordinator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ferrymq.common.json.Json;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkPaths;
import io.ferrymq.coordinator.zk.ZkTesting;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ZkBrokerRegistryIT {

    private static final Duration MARGIN = Duration.ofMillis(500);

    private TestingServer server;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void startZooKeeper() throws Exception {
        server = new TestingServer(true);
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        server.close();
    }

    private ZkClient client() {
        ZkClient client = ZkTesting.connect(server);
        closeables.add(client);
        return client;
    }

    private ZkBrokerRegistry registry(ZkClient client) {
        ZkBrokerRegistry registry = new ZkBrokerRegistry(client, Clock.systemUTC(), MARGIN);
        closeables.add(registry);
        registry.start();
        return registry;
    }

    private static BrokerInfo broker(int id) {
        return new BrokerInfo(id, "127.0.0.1", 9000 + id, Optional.of("rack-a"), 1_700_000_000_000L);
    }

    @Test
    void registrationIsReadableJsonAndListedAsLive() throws Exception {
        ZkClient client = client();
        ZkBrokerRegistry registry = registry(client);
        registry.register(broker(1));

        await().atMost(Duration.ofSeconds(5)).until(() -> registry.liveBrokers().containsKey(1));
        assertThat(registry.liveBrokers().get(1)).isEqualTo(broker(1));
        String json = new String(client.curator().getData().forPath(ZkPaths.broker(1)));
        assertThat(json).contains("\"host\":\"127.0.0.1\"", "\"port\":9001", "\"rack\":\"rack-a\"");
    }

    @Test
    void duplicateIdHeldByAnotherLiveSessionIsRefusedAfterWaitingForItToExpire() {
        ZkClient firstClient = client();
        registry(firstClient).register(broker(7));
        ZkClient secondClient = client();
        ZkBrokerRegistry second = registry(secondClient);
        Duration expected = secondClient.negotiatedSessionTimeout().plus(MARGIN);
        long startNanos = System.nanoTime();

        assertThatThrownBy(() -> second.register(broker(7)))
                .isInstanceOf(BrokerIdInUseException.class)
                .hasMessageContaining("broker.id 7 is already registered by another live broker (ZooKeeper session 0x"
                        + Long.toHexString(firstClient.sessionId()) + ", still alive after waiting");
        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isGreaterThanOrEqualTo(expected);
    }

    @Test
    void registrationWhoseSessionDiesDuringTheWaitIsTakenOver() throws Exception {
        ZkClient firstClient = ZkTesting.connect(server);
        firstClient.curator().create().withMode(CreateMode.EPHEMERAL)
                .forPath(ZkPaths.broker(5), Json.bytes(broker(5).toJson()));
        ZkClient secondClient = client();
        ZkBrokerRegistry second = registry(secondClient);
        CompletableFuture<Void> registering = CompletableFuture.runAsync(() -> second.register(broker(5)));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !registering.isDone());

        firstClient.close();

        registering.get(20, TimeUnit.SECONDS);
        Stat stat = secondClient.curator().checkExists().forPath(ZkPaths.broker(5));
        assertThat(stat.getEphemeralOwner()).isEqualTo(secondClient.sessionId());
    }

    @Test
    void registrationIsRecreatedAfterSessionExpiry() throws Exception {
        ZkClient client = client();
        registry(client).register(broker(3));
        long firstSession = client.sessionId();

        ZkTesting.expireSession(client);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Stat stat = client.curator().checkExists().forPath(ZkPaths.broker(3));
            assertThat(stat).isNotNull();
            assertThat(stat.getEphemeralOwner()).isNotEqualTo(firstSession).isEqualTo(client.sessionId());
        });
    }

    @Test
    void liveListFollowsJoinsAndLeaves() {
        ZkBrokerRegistry observer = registry(client());
        List<String> events = new CopyOnWriteArrayList<>();
        observer.addListener(new BrokerListener() {
            @Override
            public void onBrokerAdded(BrokerInfo broker) {
                events.add("+" + broker.id());
            }

            @Override
            public void onBrokerRemoved(int brokerId) {
                events.add("-" + brokerId);
            }
        });
        ZkClient otherClient = ZkTesting.connect(server);
        ZkBrokerRegistry other = new ZkBrokerRegistry(otherClient);
        other.start();
        other.register(broker(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.liveBrokerIds().contains(2));

        other.close();
        otherClient.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> !observer.liveBrokerIds().contains(2));
        assertThat(events).containsExactly("+2", "-2");
    }
}
