package io.ferrymq.common;

import java.util.Objects;
import java.util.Optional;

/**
 * A broker as clients see it: its id and the address it advertises.
 *
 * <p>Immutable and thread-safe.
 */
public record Node(int id, String host, int port, Optional<String> rack) {

    public Node {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(rack, "rack");
    }

    public Node(int id, String host, int port) {
        this(id, host, port, Optional.empty());
    }

    /** {@code host:port}, as given to {@code --bootstrap-server}. */
    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return address() + " (id: " + id + rack.map(r -> " rack: " + r).orElse("") + ")";
    }
}
