package io.ferrymq.broker.log.index;

/** A time index entry: a timestamp and the absolute offset of the batch that reached it. Immutable. */
public record TimestampOffset(long timestamp, long offset) {
}
