package io.ferrymq.broker.log.retention;

/** What retention needs to know about one segment. Immutable. */
public record SegmentInfo(long baseOffset, long sizeInBytes, long largestTimestamp) {
}
