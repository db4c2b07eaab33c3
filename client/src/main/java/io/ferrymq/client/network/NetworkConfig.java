package io.ferrymq.client.network;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link NetworkClient}: the client id sent in every request header, the number of
 * I/O threads (one is right for a producer, consumer or admin client), connect and default request
 * timeouts, the largest response frame accepted, the I/O thread name prefix, and how connections
 * are secured ({@link ClientSecurity}, plaintext by default). Immutable.
 */
public record NetworkConfig(String clientId, int ioThreads, Duration connectTimeout, Duration requestTimeout,
        int maxResponseBytes, String threadNamePrefix, ClientSecurity security) {

    public static final int DEFAULT_MAX_RESPONSE_BYTES = 128 * 1024 * 1024;

    public NetworkConfig {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(threadNamePrefix, "threadNamePrefix");
        Objects.requireNonNull(security, "security");
        if (ioThreads <= 0) {
            throw new IllegalArgumentException("ioThreads must be > 0, was " + ioThreads);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be > 0, were " + connectTimeout + " and " + requestTimeout);
        }
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException("maxResponseBytes must be > 0, was " + maxResponseBytes);
        }
    }

    /**
     * One I/O thread named {@code ferry-network-<clientId>}, 10 s to connect, 30 s per request, 128 MiB
     * frames, plaintext.
     */
    public static NetworkConfig defaults(String clientId) {
        return new NetworkConfig(clientId, 1, Duration.ofSeconds(10), Duration.ofSeconds(30),
                DEFAULT_MAX_RESPONSE_BYTES, "ferry-network-" + clientId, ClientSecurity.PLAINTEXT);
    }

    public NetworkConfig withSecurity(ClientSecurity newSecurity) {
        return new NetworkConfig(clientId, ioThreads, connectTimeout, requestTimeout, maxResponseBytes, threadNamePrefix,
                newSecurity);
    }

    public NetworkConfig withRequestTimeout(Duration timeout) {
        return new NetworkConfig(clientId, ioThreads, connectTimeout, timeout, maxResponseBytes, threadNamePrefix, security);
    }

    public NetworkConfig withConnectTimeout(Duration timeout) {
        return new NetworkConfig(clientId, ioThreads, timeout, requestTimeout, maxResponseBytes, threadNamePrefix, security);
    }

    public NetworkConfig withIoThreads(int threads) {
        return new NetworkConfig(clientId, threads, connectTimeout, requestTimeout, maxResponseBytes, threadNamePrefix, security);
    }

    public NetworkConfig withMaxResponseBytes(int bytes) {
        return new NetworkConfig(clientId, ioThreads, connectTimeout, requestTimeout, bytes, threadNamePrefix, security);
    }
}
