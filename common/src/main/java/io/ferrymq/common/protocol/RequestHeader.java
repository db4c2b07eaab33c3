package io.ferrymq.common.protocol;

import java.util.Objects;

/**
 * What precedes every request body: the API and version it speaks, the correlation id its response
 * will carry, and the sender's client id (used in logs and metrics). Immutable.
 */
public record RequestHeader(ApiKey apiKey, short apiVersion, int correlationId, String clientId) {

    public RequestHeader {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(clientId, "clientId");
    }

    /** A header for the newest version this build speaks. */
    public static RequestHeader latest(ApiKey apiKey, int correlationId, String clientId) {
        return new RequestHeader(apiKey, apiKey.latestVersion(), correlationId, clientId);
    }
}
