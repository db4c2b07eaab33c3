package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.List;

/**
 * Elect leaders on demand (Kafka's ElectLeaders): {@code electionType} is Kafka's value
 * ({@link io.ferrymq.common.ElectionType#value()}); {@code allPartitions} asks for every partition of every topic, else {@code partitions}.
 * The answer comes once each partition shows the outcome or {@code timeoutMs} passed. Immutable.
 */
public record ElectLeadersRequest(byte electionType, boolean allPartitions, List<TopicPartition> partitions,
                                  int timeoutMs) implements ApiRequest {

    public ElectLeadersRequest {
        partitions = List.copyOf(partitions);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.ELECT_LEADERS;
    }
}
