package io.ferrymq.broker.server.handler;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.BrokerNode;
import io.ferrymq.coordinator.registry.BrokerInfo;
import io.ferrymq.coordinator.registry.BrokerRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.Optional;

/**
 * The cluster as the Metadata, DescribeCluster and FindCoordinator handlers show it: the cluster id
 * and the live brokers at their endpoints of the caller's listener, read from the {@link BrokerRegistry}'s cache (no ZooKeeper read per request).
 *
 * <p>Immutable; thread-safe because the registry is.
 */
public record ClusterView(String clusterId, BrokerRegistry registry) {

    public ClusterView {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(registry, "registry");
    }

    /**
     * Live brokers ordered by id, as a client connected to listener {@code listenerName} sees them:
     * each at its endpoint of that listener; a broker without that listener is left out, as Kafka does.
     */
    public List<BrokerNode> liveBrokers(String listenerName) {
        return registry.liveBrokers().values().stream()
                .sorted(Comparator.comparingInt(BrokerInfo::id))
                .flatMap(info -> toNode(info, listenerName).stream())
                .toList();
    }

    public boolean isLive(int brokerId) {
        return registry.liveBrokers().containsKey(brokerId);
    }

    /**
     * Whether the broker's replica of {@code partition} is offline: the broker is not live, or its
     * registration reports that replica offline (a failed log dir).
     */
    public boolean isReplicaOffline(int brokerId, TopicPartition partition) {
        BrokerInfo broker = registry.liveBrokers().get(brokerId);
        return broker == null || broker.offline().isOffline(partition);
    }

    /** The log dirs each live broker reports offline, by broker id (brokers with none are left out). */
    public Map<Integer, List<String>> offlineLogDirs() {
        return registry.liveBrokers().values().stream().filter(b -> !b.offline().logDirs().isEmpty())
                .collect(Collectors.toMap(BrokerInfo::id, b -> List.copyOf(b.offline().logDirs())));
    }

    public int liveBrokerCount() {
        return registry.liveBrokers().size();
    }

    static Optional<BrokerNode> toNode(BrokerInfo info, String listenerName) {
        return info.endpoint(listenerName).map(e -> new BrokerNode(info.id(), e.host(), e.port(), info.rack()));
    }
}
