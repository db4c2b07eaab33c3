package io.ferrymq.broker.replication;

import io.ferrymq.broker.log.LogManager;
import io.ferrymq.broker.metrics.BrokerMetrics;
import io.ferrymq.coordinator.metadata.MetadataStore;
import io.ferrymq.coordinator.registry.BrokerRegistry;
import io.ferrymq.coordinator.zk.ZkClient;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What the {@link ReplicaManager} works with, all owned and closed by the broker: local logs,
 * the ZooKeeper client, topic metadata, the broker registry, connections to leaders, metrics and
 * the clock.
 *
 * <p>Immutable holder of thread-safe parts.
 */
public record ReplicationContext(
        ReplicaLogStore logs,
        ZkClient zk,
        MetadataStore metadata,
        BrokerRegistry registry,
        LeaderEndpointFactory endpoints,
        BrokerMetrics metrics,
        Clock clock) {

    public ReplicationContext {
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(zk, "zk");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * The broker's wiring: the storage module's log manager and follower connections to leaders
     * (e.g. {@link NetworkLeaderEndpoints}; owned, and closed, by the replica manager).
     */
    public static ReplicationContext of(LeaderEndpointFactory leaders, LogManager logs, ZkClient zk,
                                        MetadataStore metadata, BrokerRegistry registry, BrokerMetrics metrics, Clock clock) {
        return new ReplicationContext(new LogManagerReplicaLogs(logs, Optional.of(metrics)), zk, metadata, registry,
                leaders, metrics, clock);
    }
}
