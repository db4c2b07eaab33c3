package io.ferrymq.coordinator.metadata;

import io.ferrymq.common.TopicPartition;

/**
 * Learns about topic changes seen through the metadata store's {@code CuratorCache}. Called on the
 * store's {@code ferry-metadata-events} thread, in the order ZooKeeper reported the changes. Each
 * method defaults to doing nothing.
 */
public interface TopicListener {

    /** A topic was created, or its assignment (partitions added) or configs changed. */
    default void onTopicChanged(TopicMetadata topic) {
    }

    /** Deletion was requested: brokers stop and delete their replicas, then acknowledge. */
    default void onTopicDeletionRequested(String topic) {
    }

    /** The topic's znodes are gone (deletion completed). */
    default void onTopicDeleted(String topic) {
    }

    /**
     * A partition's {@code state} znode was created or changed: its content and znode version as the
     * cache read it. The cache reads the znode again after each change, so not every version is
     * reported, but the last one is.
     */
    default void onPartitionStateChanged(TopicPartition partition, Versioned<PartitionState> state) {
    }
}
