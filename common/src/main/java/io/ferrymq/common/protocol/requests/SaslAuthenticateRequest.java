package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.Arrays;
import java.util.Objects;

/**
 * One client message of the SASL exchange chosen by the handshake (Kafka's SaslAuthenticate):
 * the mechanism's bytes, opaque here. Immutable (the array is copied in and out).
 */
public record SaslAuthenticateRequest(byte[] authBytes) implements ApiRequest {

    public SaslAuthenticateRequest {
        authBytes = Objects.requireNonNull(authBytes, "authBytes").clone();
    }

    @Override
    public byte[] authBytes() {
        return authBytes.clone();
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.SASL_AUTHENTICATE;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SaslAuthenticateRequest that && Arrays.equals(authBytes, that.authBytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(authBytes);
    }

    /** Never the bytes: PLAIN's carry the password. */
    @Override
    public String toString() {
        return "SaslAuthenticateRequest(" + authBytes.length + " bytes)";
    }
}
