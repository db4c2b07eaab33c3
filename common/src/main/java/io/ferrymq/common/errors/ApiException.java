package io.ferrymq.common.errors;

/**
 * An error a server reported, or a client detected, that maps to one {@link ErrorCode}.
 * {@link #isRetriable()} tells a client whether the same request may succeed later.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode error;

    public ApiException(ErrorCode error, String message) {
        super(error.name() + ": " + message);
        this.error = error;
    }

    public ApiException(ErrorCode error, String message, Throwable cause) {
        super(error.name() + ": " + message, cause);
        this.error = error;
    }

    public ErrorCode error() {
        return error;
    }

    public boolean isRetriable() {
        return error.isRetriable();
    }
}
