package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiResponse;
import java.util.Arrays;
import java.util.Objects;

/**
 * The server's next challenge ({@code authBytes}, empty when the exchange ended), or
 * {@code SASL_AUTHENTICATION_FAILED} / {@code ILLEGAL_SASL_STATE} with a message; the broker closes
 * the connection after a failure. {@code sessionLifetimeMs} is 0: Ferry does not expire sessions
 * (KIP-368 re-authentication is not implemented). Immutable (the array is copied in and out).
 */
public record SaslAuthenticateResponse(ErrorCode error, String errorMessage, byte[] authBytes,
                                       long sessionLifetimeMs) implements ApiResponse {

    public SaslAuthenticateResponse {
        Objects.requireNonNull(error, "error");
        errorMessage = errorMessage == null ? "" : errorMessage;
        authBytes = Objects.requireNonNull(authBytes, "authBytes").clone();
    }

    public static SaslAuthenticateResponse challenge(byte[] authBytes) {
        return new SaslAuthenticateResponse(ErrorCode.NONE, "", authBytes, 0L);
    }

    public static SaslAuthenticateResponse error(ErrorCode error, String message) {
        return new SaslAuthenticateResponse(error, message, new byte[0], 0L);
    }

    @Override
    public byte[] authBytes() {
        return authBytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SaslAuthenticateResponse that && error == that.error
                && errorMessage.equals(that.errorMessage) && Arrays.equals(authBytes, that.authBytes)
                && sessionLifetimeMs == that.sessionLifetimeMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(error, errorMessage, Arrays.hashCode(authBytes), sessionLifetimeMs);
    }

    @Override
    public String toString() {
        return "SaslAuthenticateResponse(" + error + ", '" + errorMessage + "', " + authBytes.length + " bytes)";
    }
}
