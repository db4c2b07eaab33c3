package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiResponse;
import java.util.List;
import java.util.Objects;

/**
 * Per requested resource: its error ({@code NONE} when the change was applied, or would be under
 * {@code validateOnly}) and the reason. Immutable.
 */
public record IncrementalAlterConfigsResponse(List<ResourceResult> results) implements ApiResponse {

    public IncrementalAlterConfigsResponse {
        results = List.copyOf(results);
    }

    /** One resource's outcome; {@code type} is Kafka's resource type code as requested. */
    public record ResourceResult(byte type, String name, ErrorCode error, String errorMessage) {
        public ResourceResult {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(error, "error");
            errorMessage = errorMessage == null ? "" : errorMessage;
        }
    }
}
