package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.List;

/**
 * Ask for live brokers and the partition layout of some topics ({@code allTopics} = every topic, and
 * {@code topics} is ignored). {@code allowAutoTopicCreation} lets the broker create missing topics
 * when {@code auto.create.topics.enable} is on. Immutable.
 */
public record MetadataRequest(List<String> topics, boolean allTopics, boolean allowAutoTopicCreation) implements ApiRequest {

    public MetadataRequest {
        topics = List.copyOf(topics);
    }

    public static MetadataRequest forAllTopics() {
        return new MetadataRequest(List.of(), true, false);
    }

    public static MetadataRequest forTopics(List<String> topics, boolean allowAutoTopicCreation) {
        return new MetadataRequest(topics, false, allowAutoTopicCreation);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.METADATA;
    }
}
