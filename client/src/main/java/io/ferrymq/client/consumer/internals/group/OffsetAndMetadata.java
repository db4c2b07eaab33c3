package io.ferrymq.client.consumer.internals.group;

import java.util.Objects;

/** An offset to commit (the next record to consume) with free-form metadata. Immutable and thread-safe. */
public record OffsetAndMetadata(long offset, String metadata) {

    public OffsetAndMetadata {
        Objects.requireNonNull(metadata, "metadata");
        if (offset < 0) {
            throw new IllegalArgumentException("offset to commit must be >= 0, was " + offset);
        }
    }

    public OffsetAndMetadata(long offset) {
        this(offset, "");
    }
}
