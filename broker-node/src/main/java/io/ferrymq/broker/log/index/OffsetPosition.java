package io.ferrymq.broker.log.index;

/** An offset index entry: an absolute offset and the byte position of its batch in the segment. Immutable. */
public record OffsetPosition(long offset, int position) {
}
