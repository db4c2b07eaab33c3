package io.ferrymq.common.protocol;

import java.util.Objects;
import java.util.Optional;

/**
 * A broker as clients see it in Metadata, DescribeCluster and FindCoordinator responses: id and the
 * advertised host and port. Immutable.
 */
public record BrokerNode(int id, String host, int port, Optional<String> rack) {

    public BrokerNode {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(rack, "rack");
    }

    public BrokerNode(int id, String host, int port) {
        this(id, host, port, Optional.empty());
    }

    /** {@code host:port}, as in {@code bootstrap.servers}. */
    public String address() {
        return host + ":" + port;
    }
}
