package io.ferrymq.client.producer;

import io.ferrymq.common.record.Header;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A message to send: the topic, an optional explicit partition (otherwise the partitioner picks:
 * murmur2 of the key, or a sticky partition for a null key), an optional create timestamp
 * (otherwise the send time), the key and value (either may be null) and headers.
 *
 * <p>Immutable if {@code key} and {@code value} are; thread-safe.
 */
public record ProducerRecord<K, V>(String topic, OptionalInt partition, OptionalLong timestamp, K key, V value,
                                   List<Header> headers) {

    public ProducerRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(timestamp, "timestamp");
        headers = List.copyOf(headers);
        if (partition.isPresent() && partition.getAsInt() < 0) {
            throw new IllegalArgumentException("Invalid partition " + partition.getAsInt() + " for topic " + topic);
        }
        if (timestamp.isPresent() && timestamp.getAsLong() < 0) {
            throw new IllegalArgumentException("Invalid timestamp " + timestamp.getAsLong() + " for topic " + topic);
        }
    }

    /** A record without key; the producer picks a sticky partition. */
    public ProducerRecord(String topic, V value) {
        this(topic, OptionalInt.empty(), OptionalLong.empty(), null, value, List.of());
    }

    /** A keyed record; the partition is murmur2(key) modulo the partition count. */
    public ProducerRecord(String topic, K key, V value) {
        this(topic, OptionalInt.empty(), OptionalLong.empty(), key, value, List.of());
    }

    /** A record for an explicit partition. */
    public ProducerRecord(String topic, int partition, K key, V value) {
        this(topic, OptionalInt.of(partition), OptionalLong.empty(), key, value, List.of());
    }
}
