package io.ferrymq.coordinator.metadata;

import java.util.Objects;

/**
 * A value read from a znode together with the znode's data version, which a conditional write
 * must present. Immutable and thread-safe when the value is.
 */
public record Versioned<T>(T value, int version) {

    public Versioned {
        Objects.requireNonNull(value, "value");
    }
}
