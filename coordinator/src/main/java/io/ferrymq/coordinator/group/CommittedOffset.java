package io.ferrymq.coordinator.group;

import io.ferrymq.common.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A committed consumer position for one partition of one group: the offset of the next record to
 * consume, free-form metadata from the client, and when the coordinator accepted it.
 * Immutable and thread-safe.
 */
public record CommittedOffset(long offset, String metadata, long commitTimestampMs) {

    public CommittedOffset {
        Objects.requireNonNull(metadata, "metadata");
        if (offset < 0) {
            throw new IllegalArgumentException("committed offset must be >= 0, was " + offset);
        }
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("offset", offset);
        json.put("metadata", metadata);
        json.put("commitTimestampMs", commitTimestampMs);
        return json;
    }

    public static CommittedOffset fromJson(JsonObject json) {
        return new CommittedOffset(json.requireLong("offset"), json.optionalString("metadata").orElse(""),
                json.requireLong("commitTimestampMs"));
    }
}
