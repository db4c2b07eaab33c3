package io.ferrymq.broker.group;

import java.util.Objects;

/** What a member asks to commit for one partition: the next offset to consume and free-form metadata. */
public record OffsetCommitEntry(long offset, String metadata) {

    public OffsetCommitEntry {
        Objects.requireNonNull(metadata, "metadata");
    }
}
