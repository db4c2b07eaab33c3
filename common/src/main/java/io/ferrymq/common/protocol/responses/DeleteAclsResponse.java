package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.AclBindingData;
import io.ferrymq.common.protocol.ApiResponse;
import java.util.List;
import java.util.Objects;

/** Per filter, in request order: the bindings it deleted, or an error and its reason. Immutable. */
public record DeleteAclsResponse(List<FilterResult> results) implements ApiResponse {

    public DeleteAclsResponse {
        results = List.copyOf(results);
    }

    public record FilterResult(ErrorCode error, String errorMessage, List<AclBindingData> deleted) {
        public FilterResult {
            Objects.requireNonNull(error, "error");
            errorMessage = errorMessage == null ? "" : errorMessage;
            deleted = List.copyOf(deleted);
        }
    }
}
