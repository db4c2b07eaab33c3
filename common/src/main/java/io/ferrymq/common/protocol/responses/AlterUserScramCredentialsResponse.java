package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiResponse;
import java.util.List;
import java.util.Objects;

/**
 * Per user named in the request: {@code NONE}, or why its alterations were not applied
 * ({@code UNSUPPORTED_SASL_MECHANISM}, {@code UNACCEPTABLE_CREDENTIAL} for an iteration count out of
 * range or an empty salt, {@code RESOURCE_NOT_FOUND} for deleting a credential that does not exist,
 * {@code DUPLICATE_RESOURCE} for one user and mechanism named twice, {@code COORDINATOR_NOT_AVAILABLE}
 * when ZooKeeper cannot be written). Immutable.
 */
public record AlterUserScramCredentialsResponse(List<UserResult> results) implements ApiResponse {

    public AlterUserScramCredentialsResponse {
        results = List.copyOf(results);
    }

    public record UserResult(String user, ErrorCode error, String errorMessage) {
        public UserResult {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(error, "error");
            errorMessage = errorMessage == null ? "" : errorMessage;
        }
    }
}
