package io.ferrymq.broker.admin;

/**
 * Where the admin HTTP server listens. Port 0 picks a free port (read it back with
 * {@link AdminServer#port()}). Immutable.
 */
public record AdminServerConfig(String host, int port) {

    public AdminServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("admin host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("admin port must be in 0..65535, got " + port);
        }
    }
}
