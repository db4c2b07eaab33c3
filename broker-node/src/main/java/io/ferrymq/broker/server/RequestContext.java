package io.ferrymq.broker.server;

import io.ferrymq.common.protocol.ApiKey;
import java.net.SocketAddress;
import java.util.Objects;

/**
 * What a handler may know about a request besides its body: the API and version it was sent with,
 * the client's correlation id and client id, and where it came from (for logs and quotas).
 *
 * <p>Immutable and thread-safe.
 */
public record RequestContext(ApiKey apiKey, short apiVersion, int correlationId, String clientId,
                             SocketAddress clientAddress) {

    public RequestContext {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientAddress, "clientAddress");
    }

    @Override
    public String toString() {
        return apiKey + " v" + apiVersion + " correlationId=" + correlationId + " from " + clientId + "@"
                + clientAddress;
    }
}
