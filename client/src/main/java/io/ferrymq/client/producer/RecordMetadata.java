package io.ferrymq.client.producer;

import io.ferrymq.common.TopicPartition;

/**
 * Where an acknowledged record was written: its topic, partition and offset, and its timestamp
 * (the create time the producer stamped, or the broker's log-append time if the topic uses it).
 * With {@code acks=0} the offset is unknown and reported as -1.
 *
 * <p>Immutable and thread-safe.
 */
public record RecordMetadata(String topic, int partition, long offset, long timestamp) {

    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }

    /** True when the broker reported an offset (not {@code acks=0}). */
    public boolean hasOffset() {
        return offset >= 0;
    }
}
