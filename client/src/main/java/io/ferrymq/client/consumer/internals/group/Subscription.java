package io.ferrymq.client.consumer.internals.group;

import io.ferrymq.common.TopicPartition;
import java.util.List;

/**
 * What one group member sends in its JoinGroup protocol metadata: the topics it subscribes to
 * and the partitions it owned before this rebalance (empty for a new member).
 *
 * <p>Immutable and thread-safe; the lists are copied.
 */
public record Subscription(List<String> topics, List<TopicPartition> ownedPartitions) {

    public Subscription {
        topics = List.copyOf(topics);
        ownedPartitions = List.copyOf(ownedPartitions);
    }

    public Subscription(List<String> topics) {
        this(topics, List.of());
    }
}
