package io.ferrymq.client.network;

import java.util.Objects;

/** A broker's {@code host:port}, the key of pooled connections. Immutable. */
public record BrokerAddress(String host, int port) {

    public BrokerAddress {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, was " + port);
        }
    }

    /** Parses {@code host:port} (the last colon separates the port), naming the bad part on error. */
    public static BrokerAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("Expected host:port but got '" + hostPort + "'");
        }
        try {
            return new BrokerAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Port of '" + hostPort + "' is not a number", e);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
