package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiResponse;
import java.util.List;
import java.util.Objects;

/**
 * The mechanisms this listener has enabled, and {@code NONE}, or {@code UNSUPPORTED_SASL_MECHANISM}
 * when the requested one is not among them, or {@code ILLEGAL_SASL_STATE} when the connection is
 * past its handshake. Immutable.
 */
public record SaslHandshakeResponse(ErrorCode error, List<String> mechanisms) implements ApiResponse {

    public SaslHandshakeResponse {
        Objects.requireNonNull(error, "error");
        mechanisms = List.copyOf(mechanisms);
    }
}
