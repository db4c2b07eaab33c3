package io.ferrymq.broker.kafka;

import java.util.Objects;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka fetch session's partition (the key of the broker's {@code FetchSessionCache} for Kafka
 * listeners): by topic id from Fetch 13 ({@code topic} null), by name before ({@code topicId} zero).
 *
 * <p>Immutable value.
 */
public record PartitionKey(Uuid topicId, String topic, int partition) {
    public PartitionKey {
        Objects.requireNonNull(topicId, "topicId");
    }
}
