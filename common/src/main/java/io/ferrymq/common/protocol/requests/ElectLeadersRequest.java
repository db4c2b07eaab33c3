package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.List;

/**
 * Elect leaders on demand (Kafka's ElectLeaders): {@code electionType} is Kafka's value (0 preferred,
 * 1 unclean); {@code allPartitions} asks for every partition of every topic, else {@code partitions}.
 * The answer comes once each partition shows the outcome or {@code timeoutMs} passed. Immutable.
 */
public record ElectLeadersRequest(byte electionType, boolean allPartitions, List<TopicPartition> partitions,
                                  int timeoutMs) implements ApiRequest {

    public static final byte PREFERRED = 0;
    public static final byte UNCLEAN = 1;

    public ElectLeadersRequest {
        partitions = List.copyOf(partitions);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.ELECT_LEADERS;
    }
}
