package io.ferrymq.common.protocol;

import io.ferrymq.common.errors.ErrorCode;
import java.util.Objects;

/**
 * The answer to a request the server could frame but not serve as its API: an unknown API key
 * (UNKNOWN_API_KEY) or an unsupported version (UNSUPPORTED_VERSION). Clients turn it into an
 * {@link io.ferrymq.common.errors.ApiException}. Immutable.
 */
public record ErrorResponse(ErrorCode error, String errorMessage) implements ApiResponse {

    public ErrorResponse {
        Objects.requireNonNull(error, "error");
        errorMessage = errorMessage == null ? "" : errorMessage;
    }
}
