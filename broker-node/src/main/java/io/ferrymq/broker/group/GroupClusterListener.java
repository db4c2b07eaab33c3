package io.ferrymq.broker.group;

import io.ferrymq.coordinator.metadata.TopicListener;
import io.ferrymq.coordinator.metadata.TopicMetadata;
import io.ferrymq.coordinator.registry.BrokerInfo;
import io.ferrymq.coordinator.registry.BrokerListener;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feeds cluster changes to a {@link GroupCoordinator}: broker joins and leaves move groups
 * ({@link GroupCoordinator#onLiveBrokersChanged}); a topic whose partition count grows makes the
 * groups subscribed to it rebalance ({@link GroupCoordinator#onPartitionsChanged}). Register one
 * instance with both the broker registry and the metadata store.
 *
 * <p>Thread-safe; callbacks only touch in-memory state.
 */
public final class GroupClusterListener implements BrokerListener, TopicListener {

    private final GroupCoordinator coordinator;
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();

    public GroupClusterListener(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public void onBrokerAdded(BrokerInfo broker) {
        coordinator.onLiveBrokersChanged();
    }

    @Override
    public void onBrokerRemoved(int brokerId) {
        coordinator.onLiveBrokersChanged();
    }

    @Override
    public void onTopicChanged(TopicMetadata topic) {
        Integer previous = partitionCounts.put(topic.name(), topic.partitionCount());
        if (previous != null && previous != topic.partitionCount()) {
            coordinator.onPartitionsChanged(Set.of(topic.name()));
        }
    }

    @Override
    public void onTopicDeleted(String topic) {
        partitionCounts.remove(topic);
    }
}
