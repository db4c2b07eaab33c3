package io.ferrymq.coordinator.metadata;

import java.util.Map;
import java.util.Objects;

/** A request to create a topic: name, partition count, replication factor and config overrides. Immutable. */
public record NewTopic(String name, int partitions, int replicationFactor, Map<String, String> configs) {

    public NewTopic {
        Objects.requireNonNull(name, "name");
        configs = Map.copyOf(Objects.requireNonNull(configs, "configs"));
    }
}
