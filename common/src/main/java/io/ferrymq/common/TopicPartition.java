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

    /**
     * The record's component equality, written out: the generated one goes through a method handle
     * that C1 (the only compiler on small machines) does not inline, and it took a tenth of a
     * producer's samples (every send looks its partition up in hash maps).
     */
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof TopicPartition tp && partition == tp.partition && topic.equals(tp.topic);
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
