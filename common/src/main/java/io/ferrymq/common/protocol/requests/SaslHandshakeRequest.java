package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.Objects;

/**
 * The first step of SASL on a connection (Kafka's SaslHandshake v1): the mechanism the client will
 * use, e.g. {@code SCRAM-SHA-256}. Accepted only before authentication. Immutable.
 */
public record SaslHandshakeRequest(String mechanism) implements ApiRequest {

    public SaslHandshakeRequest {
        Objects.requireNonNull(mechanism, "mechanism");
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.SASL_HANDSHAKE;
    }
}
