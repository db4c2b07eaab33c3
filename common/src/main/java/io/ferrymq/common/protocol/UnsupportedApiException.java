package io.ferrymq.common.protocol;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;

/**
 * A well-framed request for an API key this build does not know (UNKNOWN_API_KEY) or a version it
 * does not speak (UNSUPPORTED_VERSION). The server answers it with an
 * {@link io.ferrymq.common.protocol.ErrorResponse} carrying {@link #correlationId()} and
 * keeps the connection open.
 */
public class UnsupportedApiException extends ApiException {

    private final int correlationId;

    public UnsupportedApiException(ErrorCode error, int correlationId, String message) {
        super(error, message);
        this.correlationId = correlationId;
    }

    public int correlationId() {
        return correlationId;
    }
}
