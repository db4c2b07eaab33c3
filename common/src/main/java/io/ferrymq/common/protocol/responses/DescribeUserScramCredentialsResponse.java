package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiResponse;
import java.util.List;
import java.util.Objects;

/**
 * A whole-request error ({@code NONE} normally; {@code COORDINATOR_NOT_AVAILABLE} when ZooKeeper
 * cannot be read), then per user its credentials or {@code RESOURCE_NOT_FOUND} (a named user
 * without any) / {@code DUPLICATE_RESOURCE} (a user named twice). Immutable.
 */
public record DescribeUserScramCredentialsResponse(ErrorCode error, String errorMessage, List<UserResult> results)
        implements ApiResponse {

    public DescribeUserScramCredentialsResponse {
        Objects.requireNonNull(error, "error");
        errorMessage = errorMessage == null ? "" : errorMessage;
        results = List.copyOf(results);
    }

    /** One user's credentials ({@code mechanism} is a SASL name, e.g. {@code SCRAM-SHA-256}). */
    public record UserResult(String user, ErrorCode error, String errorMessage, List<CredentialInfo> credentials) {
        public UserResult {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(error, "error");
            errorMessage = errorMessage == null ? "" : errorMessage;
            credentials = List.copyOf(credentials);
        }
    }

    public record CredentialInfo(String mechanism, int iterations) {
        public CredentialInfo {
            Objects.requireNonNull(mechanism, "mechanism");
        }
    }
}
