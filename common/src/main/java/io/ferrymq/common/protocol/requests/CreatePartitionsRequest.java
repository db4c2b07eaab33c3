package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.List;
import java.util.Objects;

/** Grow topics to {@code totalCount} partitions each (never shrink). Immutable. */
public record CreatePartitionsRequest(List<TopicSpec> topics, int timeoutMs, boolean validateOnly) implements ApiRequest {

    public CreatePartitionsRequest {
        topics = List.copyOf(topics);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.CREATE_PARTITIONS;
    }

    public record TopicSpec(String name, int totalCount) {
        public TopicSpec {
            Objects.requireNonNull(name, "name");
        }
    }
}
