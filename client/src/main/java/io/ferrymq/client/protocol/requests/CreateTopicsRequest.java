package io.ferrymq.client.protocol.requests;

import io.ferrymq.client.protocol.ApiKey;
import io.ferrymq.client.protocol.ApiRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Create topics. {@code numPartitions} and {@code replicationFactor} of -1 mean the broker defaults
 * ({@code num.partitions}, {@code default.replication.factor}); {@code validateOnly} checks without
 * creating. Immutable.
 */
public record CreateTopicsRequest(List<TopicSpec> topics, int timeoutMs, boolean validateOnly) implements ApiRequest {

    public CreateTopicsRequest {
        topics = List.copyOf(topics);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.CREATE_TOPICS;
    }

    public record TopicSpec(String name, int numPartitions, short replicationFactor, Map<String, String> configs) {
        public TopicSpec {
            Objects.requireNonNull(name, "name");
            configs = Map.copyOf(configs);
        }
    }
}
