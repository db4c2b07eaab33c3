package io.ferrymq.common.assignment;

import java.util.Objects;
import java.util.Optional;

/** A broker as the {@link ReplicaAssigner} sees it: id and optional rack. Immutable. */
public record BrokerPlacement(int id, Optional<String> rack) {

    public BrokerPlacement {
        Objects.requireNonNull(rack, "rack");
    }

    public static BrokerPlacement of(int id) {
        return new BrokerPlacement(id, Optional.empty());
    }

    public static BrokerPlacement of(int id, String rack) {
        return new BrokerPlacement(id, Optional.of(rack));
    }
}
