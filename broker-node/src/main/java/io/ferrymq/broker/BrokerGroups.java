package io.ferrymq.broker;

import io.ferrymq.broker.config.BrokerConfig;
import io.ferrymq.broker.config.ModuleConfigs;
import io.ferrymq.broker.group.GroupClusterListener;
import io.ferrymq.broker.group.GroupCoordinator;
import io.ferrymq.broker.group.GroupCoordinatorContext;
import io.ferrymq.broker.group.LagGauges;
import io.ferrymq.broker.group.ClusterHighWatermarks;
import io.ferrymq.broker.group.LogEndOffsets;
import io.ferrymq.broker.metrics.BrokerMetricNames;
import io.ferrymq.broker.metrics.BrokerMetrics;
import io.ferrymq.broker.partition.Partition;
import io.ferrymq.broker.replication.ReplicaManager;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.group.ZkGroupStore;
import io.ferrymq.coordinator.metadata.MetadataStore;
import io.ferrymq.coordinator.registry.BrokerRegistry;
import io.ferrymq.coordinator.zk.ZkClient;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Wires the broker's {@link GroupCoordinator}: its ZooKeeper store, live brokers from the registry
 * (and their changes), high watermarks for lag (of partitions led here, and of the others through
 * {@link ClusterHighWatermarks}), lag gauges in the
 * broker's metrics, and partition-count changes from the metadata store.
 *
 * <p>Used once by {@link Broker} at start-up; not thread-safe.
 */
final class BrokerGroups {

    private final BrokerConfig config;
    private final BrokerMetrics metrics;
    private final Clock clock;
    private ClusterHighWatermarks highWatermarks;

    BrokerGroups(BrokerConfig config, BrokerMetrics metrics, Clock clock) {
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Creates, connects and starts the coordinator; the caller closes it. */
    GroupCoordinator start(ZkClient zk, BrokerRegistry registry, MetadataStore metadata, ReplicaManager replicas) {
        LogEndOffsets ledHere = tp -> replicas.partition(tp).filter(Partition::isLeader)
                .map(partition -> OptionalLong.of(partition.highWatermark())).orElse(OptionalLong.empty());
        highWatermarks = new ClusterHighWatermarks(ledHere, HighWatermarkPoller.INTERVAL, clock);
        GroupCoordinator groups = new GroupCoordinator(new GroupCoordinatorContext(config.brokerId(),
                ModuleConfigs.groupConfig(config), new ZkGroupStore(zk.curator()), registry::liveBrokerIds,
                highWatermarks, lagGauges(), clock));
        GroupClusterListener listener = new GroupClusterListener(groups);
        registry.addListener(listener);
        metadata.addListener(listener);
        groups.start();
        return groups;
    }

    /**
     * The high watermarks behind the lag gauges, once {@link #start} ran: the broker feeds those of
     * partitions led elsewhere with a {@link HighWatermarkPoller} once it serves.
     */
    ClusterHighWatermarks highWatermarks() {
        return highWatermarks;
    }

    private LagGauges lagGauges() {
        return new LagGauges() {
            @Override
            public void register(String groupId, TopicPartition tp, LongSupplier lag) {
                metrics.registerConsumerLag(groupId, tp, lag);
            }

            @Override
            public void remove(String groupId, TopicPartition tp) {
                metrics.remove(BrokerMetricNames.consumerLag(groupId, tp));
            }
        };
    }
}
