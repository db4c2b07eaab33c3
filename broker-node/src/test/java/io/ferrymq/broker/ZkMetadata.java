package io.ferrymq.broker;

import io.ferrymq.coordinator.metadata.ZkMetadataStore;
import io.ferrymq.coordinator.registry.BrokerInfo;
import io.ferrymq.coordinator.registry.ZkBrokerRegistry;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkConfig;
import java.time.Duration;
import java.util.Optional;
import org.apache.curator.test.TestingServer;

/**
 * The fixture of handler ITs that need real metadata but no broker: an embedded ZooKeeper, one
 * broker registered (so topics can be placed) and a started {@link ZkMetadataStore}. Close it after
 * each test; it closes what it started, in reverse order.
 */
public final class ZkMetadata implements AutoCloseable {

    private final TestingServer zookeeper;
    private final ZkClient zk;
    private final ZkBrokerRegistry registry;
    private final ZkMetadataStore store;

    private ZkMetadata(TestingServer zookeeper, ZkClient zk, ZkBrokerRegistry registry, ZkMetadataStore store) {
        this.zookeeper = zookeeper;
        this.zk = zk;
        this.registry = registry;
        this.store = store;
    }

    /** ZooKeeper up, broker {@code brokerId} registered at 127.0.0.1:9092, the store started. */
    public static ZkMetadata start(int brokerId) throws Exception {
        TestingServer zookeeper = new TestingServer(true);
        ZkClient zk = ZkClient.connect(new ZkConfig(zookeeper.getConnectString(), Duration.ofSeconds(3),
                Duration.ofSeconds(5), 3, Duration.ofMillis(50)));
        ZkBrokerRegistry registry = new ZkBrokerRegistry(zk);
        registry.start();
        registry.register(new BrokerInfo(brokerId, "127.0.0.1", 9092, Optional.empty(), 0));
        ZkMetadataStore store = new ZkMetadataStore(zk);
        store.start();
        return new ZkMetadata(zookeeper, zk, registry, store);
    }

    public ZkMetadataStore store() {
        return store;
    }

    public ZkClient zk() {
        return zk;
    }

    public String connectString() {
        return zookeeper.getConnectString();
    }

    @Override
    public void close() throws Exception {
        store.close();
        registry.close();
        zk.close();
        zookeeper.close();
    }
}
