package io.ferrymq.coordinator.registry;

import io.ferrymq.common.security.SecurityProtocol;
import java.util.Objects;

/**
 * One advertised listener of a registered broker: its name, security protocol, host and port, as
 * Kafka's {@code endpoints} entry {@code NAME://host:port} with the protocol from
 * {@code listener_security_protocol_map}.
 *
 * <p>Immutable and thread-safe.
 */
public record BrokerEndpoint(String listenerName, SecurityProtocol securityProtocol, String host, int port) {

    private static final String SEPARATOR = "://";

    public BrokerEndpoint {
        Objects.requireNonNull(listenerName, "listenerName");
        Objects.requireNonNull(securityProtocol, "securityProtocol");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("broker port must be within [0, 65535], was " + port);
        }
        if (host.isBlank() || listenerName.isBlank()) {
            throw new IllegalArgumentException("broker endpoint host and listener name must not be blank");
        }
    }

    /** Parses {@code NAME://host:port} with the protocol of that listener. */
    static BrokerEndpoint parse(String text, SecurityProtocol protocol) {
        int schemeEnd = text.indexOf(SEPARATOR);
        int portStart = text.lastIndexOf(':');
        if (schemeEnd <= 0 || portStart < schemeEnd + SEPARATOR.length()) {
            throw new IllegalArgumentException("endpoint must be NAME://host:port, was '" + text + "'");
        }
        String host = text.substring(schemeEnd + SEPARATOR.length(), portStart);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new BrokerEndpoint(text.substring(0, schemeEnd), protocol, host,
                    Integer.parseInt(text.substring(portStart + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("endpoint port must be a number, was '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return listenerName + SEPARATOR + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
