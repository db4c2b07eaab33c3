package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import java.util.List;
import java.util.Objects;

/** Per topic: created (or would be, when validating) with these counts, or an error and its reason. Immutable. */
public record CreateTopicsResponse(List<TopicResult> topics) implements ApiResponse {

    public CreateTopicsResponse {
        topics = List.copyOf(topics);
    }

    public record TopicResult(String name, ErrorCode error, String errorMessage, int numPartitions,
            short replicationFactor) {
        public TopicResult {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(error, "error");
            errorMessage = errorMessage == null ? "" : errorMessage;
        }
    }
}
