package io.ferrymq.broker.admin;

import io.ferrymq.common.security.SslEngineFactory;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the admin HTTP server listens, and with {@code tls} over HTTPS with that endpoint's key
 * store, protocols and cipher suites. Port 0 picks a free port (read it back with
 * {@link AdminServer#port()}). Immutable.
 */
public record AdminServerConfig(String host, int port, Optional<SslEngineFactory> tls) {

    public AdminServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("admin host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("admin port must be in 0..65535, got " + port);
        }
        Objects.requireNonNull(tls, "tls");
    }

    /** Plain HTTP. */
    public AdminServerConfig(String host, int port) {
        this(host, port, Optional.empty());
    }

    /** {@code https} with TLS, else {@code http}. */
    public String scheme() {
        return tls.isPresent() ? "https" : "http";
    }
}
