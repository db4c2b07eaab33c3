package io.ferrymq.client.consumer.internals.group;

import io.ferrymq.common.TopicPartition;
import java.util.Collection;

/**
 * Told about assignment changes, always on the thread that calls {@code poll} (or {@code close}):
 * {@link #onPartitionsRevoked} before the member rejoins (the place to commit what was processed),
 * {@link #onPartitionsAssigned} once the new assignment is known. Kafka's
 * {@code ConsumerRebalanceListener} contract (eager protocol: all partitions are revoked, then the
 * new set is assigned).
 */
public interface RebalanceListener {

    void onPartitionsRevoked(Collection<TopicPartition> partitions);

    void onPartitionsAssigned(Collection<TopicPartition> partitions);

    /** Partitions lost without a chance to commit (the member was fenced); defaults to revoked. */
    default void onPartitionsLost(Collection<TopicPartition> partitions) {
        onPartitionsRevoked(partitions);
    }

    RebalanceListener NONE = new RebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }
    };
}
