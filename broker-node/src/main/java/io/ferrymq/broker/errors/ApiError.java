package io.ferrymq.broker.errors;

import io.ferrymq.common.errors.ErrorCode;
import java.util.Objects;

/**
 * An error code with the message that goes with it on the wire (never a stack trace).
 *
 * <p>Immutable and thread-safe.
 */
public record ApiError(ErrorCode error, String message) {

    public static final ApiError NONE = new ApiError(ErrorCode.NONE, "");

    public ApiError {
        Objects.requireNonNull(error, "error");
        message = message == null ? "" : message;
    }

    public boolean isSuccess() {
        return error == ErrorCode.NONE;
    }
}
