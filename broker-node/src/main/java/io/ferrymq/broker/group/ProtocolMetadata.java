package io.ferrymq.broker.group;

import java.util.Objects;

/**
 * One protocol a member supports (e.g. assignor {@code range}) and its opaque metadata (for
 * consumers, the encoded subscription). The array is not copied: callers must not mutate it.
 * Immutable by convention and thread-safe.
 */
public record ProtocolMetadata(String name, byte[] metadata) {

    public ProtocolMetadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metadata, "metadata");
    }
}
