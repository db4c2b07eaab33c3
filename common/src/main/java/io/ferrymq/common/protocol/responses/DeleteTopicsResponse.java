package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
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
