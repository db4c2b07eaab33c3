package io.ferrymq.client.admin;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A topic to create: its name, partition count and replication factor (empty = the broker's
 * {@code num.partitions} / {@code default.replication.factor}) and topic config overrides.
 * Immutable.
 */
public record NewTopic(String name, OptionalInt numPartitions, Optional<Short> replicationFactor,
                       Map<String, String> configs) {

    public NewTopic {
        Objects.requireNonNull(name, "name");
        configs = Map.copyOf(configs);
    }

    public NewTopic(String name, int numPartitions, short replicationFactor) {
        this(name, OptionalInt.of(numPartitions), Optional.of(replicationFactor), Map.of());
    }

    public NewTopic withConfigs(Map<String, String> overrides) {
        return new NewTopic(name, numPartitions, replicationFactor, overrides);
    }
}
