package io.ferrymq.broker.log;

/** Batches read from one segment and the offsets they span. Immutable. */
record SegmentRead(FileSlice slice, long firstOffset, long nextOffset) {
}
