package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiResponse;
import java.util.List;
import java.util.Objects;

/** One result per creation, in request order: created or an error and its reason. Immutable. */
public record CreateAclsResponse(List<Result> results) implements ApiResponse {

    public CreateAclsResponse {
        results = List.copyOf(results);
    }

    public record Result(ErrorCode error, String errorMessage) {
        public Result {
            Objects.requireNonNull(error, "error");
            errorMessage = errorMessage == null ? "" : errorMessage;
        }
    }
}
