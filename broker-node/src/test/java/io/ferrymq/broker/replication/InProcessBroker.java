package io.ferrymq.broker.replication;

import io.ferrymq.broker.log.LogConfig;
import io.ferrymq.broker.log.LogManager;
import io.ferrymq.broker.metrics.BrokerMetrics;
import io.ferrymq.coordinator.metadata.ZkMetadataStore;
import io.ferrymq.coordinator.registry.BrokerInfo;
import io.ferrymq.coordinator.registry.ZkBrokerRegistry;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * One broker's replication stack in this JVM (ZooKeeper client, registry, metadata store, logs on
 * disk, replica manager) without the network server; followers reach leaders through
 * {@link InProcessEndpoints}. Closing it closes its ZooKeeper session, like a broker that died
 * (its registration and latch nodes vanish at once).
 */
final class InProcessBroker implements AutoCloseable {

    final int id;
    final ZkClient zk;
    final ZkBrokerRegistry registry;
    final ZkMetadataStore metadata;
    final LogManager logs;
    final BrokerMetrics metrics;
    final ReplicaManager replicas;
    private boolean closed;

    InProcessBroker(int id, String zkConnect, Path logDir, ReplicationConfig config, InProcessEndpoints endpoints) {
        this.id = id;
        this.zk = ZkClient.connect(ZkConfig.of(zkConnect).withTimeouts(Duration.ofSeconds(6), Duration.ofSeconds(10)));
        this.registry = new ZkBrokerRegistry(zk);
        registry.start();
        registry.register(new BrokerInfo(id, "127.0.0.1", 9_000 + id, Optional.empty(), System.currentTimeMillis()));
        this.metadata = new ZkMetadataStore(zk);
        metadata.start();
        this.logs = LogManager.open(LogConfig.defaults(logDir), Clock.systemUTC());
        this.metrics = new BrokerMetrics();
        this.replicas = new ReplicaManager(config, new ReplicationContext(new LogManagerReplicaLogs(logs), zk, metadata,
                registry, endpoints, metrics, Clock.systemUTC()));
        endpoints.register(this);
        replicas.start();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        replicas.close();
        metadata.close();
        registry.close();
        zk.close();
        logs.close();
        metrics.close();
    }
}
