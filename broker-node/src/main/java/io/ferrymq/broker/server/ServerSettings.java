package io.ferrymq.broker.server;

import io.ferrymq.broker.config.BrokerConfig;
import io.ferrymq.broker.config.Endpoint;
import io.ferrymq.broker.config.ServerConfigKeys;
import java.time.Duration;
import java.util.List;

/**
 * The network server's settings: listeners to bind, network threads, the largest request frame
 * ({@code socket.request.max.bytes}), socket buffer sizes (-1 = OS default), the idle timeout and
 * how many unanswered requests one connection may have before the server stops reading it.
 *
 * <p>Immutable and thread-safe.
 */
public record ServerSettings(List<Endpoint> listeners, int networkThreads, int maxRequestBytes, int sendBufferBytes,
                             int receiveBufferBytes, Duration connectionsMaxIdle, int maxInFlightPerConnection) {

    public ServerSettings {
        listeners = List.copyOf(listeners);
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("at least one listener is required");
        }
    }

    public static ServerSettings from(BrokerConfig config) {
        return new ServerSettings(config.listeners(),
                config.getInt(ServerConfigKeys.NUM_NETWORK_THREADS),
                config.getInt(ServerConfigKeys.SOCKET_REQUEST_MAX_BYTES),
                config.getInt(ServerConfigKeys.SOCKET_SEND_BUFFER_BYTES),
                config.getInt(ServerConfigKeys.SOCKET_RECEIVE_BUFFER_BYTES),
                Duration.ofMillis(config.getLong(ServerConfigKeys.CONNECTIONS_MAX_IDLE_MS)),
                config.getInt(ServerConfigKeys.SOCKET_MAX_INFLIGHT_REQUESTS));
    }
}
