package io.ferrymq.client.consumer;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.Header;
import io.ferrymq.common.record.TimestampType;
import java.util.List;
import java.util.Optional;

/**
 * One record returned by {@link Consumer#poll}: where it was read (topic, partition, offset), its
 * timestamp and whose clock set it, the deserialized key and value (either may be null), its
 * headers, and the leader epoch and compression codec of its batch.
 *
 * <p>Immutable if key and value are; thread-safe.
 */
public record ConsumerRecord<K, V>(String topic, int partition, long offset, long timestamp,
                                   TimestampType timestampType, K key, V value, List<Header> headers,
                                   Optional<Integer> leaderEpoch, CompressionType compression) {

    public ConsumerRecord {
        headers = List.copyOf(headers);
    }

    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }
}
