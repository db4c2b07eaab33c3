package io.ferrymq.client.protocol.responses;

import io.ferrymq.client.protocol.ApiResponse;
import io.ferrymq.client.protocol.ErrorCode;
import java.util.List;
import java.util.Objects;

/** Per topic: deleted or an error and its reason. Immutable. */
public record DeleteTopicsResponse(List<TopicResult> topics) implements ApiResponse {

    public DeleteTopicsResponse {
        topics = List.copyOf(topics);
    }

    public record TopicResult(String name, ErrorCode error, String errorMessage) {
        public TopicResult {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(error, "error");
            errorMessage = errorMessage == null ? "" : errorMessage;
        }
    }
}
