package io.ferrymq.client.consumer;

/** The first offset whose timestamp is at or after a searched time, and that record's timestamp. Immutable. */
public record OffsetAndTimestamp(long offset, long timestamp) {
}
