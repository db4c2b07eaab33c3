package io.ferrymq.client.protocol.requests;

import io.ferrymq.client.protocol.ApiKey;
import io.ferrymq.client.protocol.ApiRequest;
import java.util.List;

/** Delete topics by name. Immutable. */
public record DeleteTopicsRequest(List<String> topics, int timeoutMs) implements ApiRequest {

    public DeleteTopicsRequest {
        topics = List.copyOf(topics);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DELETE_TOPICS;
    }
}
