package io.ferrymq.common;

import java.util.Objects;

/**
 * A topic name and a partition number: the unit of ordering, replication and leadership.
 *
 * <p>Immutable and thread-safe.
 */
public record TopicPartition(String topic, int partition) implements Comparable<TopicPartition> {

    public TopicPartition {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, was " + partition);
        }
    }

    @Override
    public int compareTo(TopicPartition other) {
        int byTopic = topic.compareTo(other.topic);
        return byTopic != 0 ? byTopic : Integer.compare(partition, other.partition);
    }

    /** The directory-name form Kafka and Ferry use on disk: {@code <topic>-<partition>}. */
    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
