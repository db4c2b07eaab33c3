package io.ferrymq.broker.server;

import io.ferrymq.broker.security.Principal;
import io.ferrymq.common.protocol.ApiKey;
import java.net.SocketAddress;
import java.util.Objects;

/**
 * What a handler may know about a request besides its body: the API and version it was sent with,
 * the client's correlation id and client id, where it came from (for logs and quotas), and who sent
 * it: the connection's authenticated {@link Principal} ({@link Principal#ANONYMOUS} when nobody
 * authenticated), and the name of the listener it arrived on (Metadata answers with that listener's
 * endpoints).
 *
 * <p>Immutable and thread-safe.
 */
public record RequestContext(ApiKey apiKey, short apiVersion, int correlationId, String clientId,
                             SocketAddress clientAddress, Principal principal, String listenerName) {

    /** The listener name of requests built without one (tests, in-process callers). */
    public static final String DEFAULT_LISTENER = "PLAINTEXT";

    public RequestContext {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(listenerName, "listenerName");
    }

    /** A request from {@code principal} on the {@link #DEFAULT_LISTENER}. */
    public RequestContext(ApiKey apiKey, short apiVersion, int correlationId, String clientId,
                          SocketAddress clientAddress, Principal principal) {
        this(apiKey, apiVersion, correlationId, clientId, clientAddress, principal, DEFAULT_LISTENER);
    }

    /** A request from a connection that did not authenticate. */
    public RequestContext(ApiKey apiKey, short apiVersion, int correlationId, String clientId,
                          SocketAddress clientAddress) {
        this(apiKey, apiVersion, correlationId, clientId, clientAddress, Principal.ANONYMOUS);
    }

    @Override
    public String toString() {
        return apiKey + " v" + apiVersion + " correlationId=" + correlationId + " from " + clientId + "@"
                + clientAddress + " as " + principal + " on " + listenerName;
    }
}
