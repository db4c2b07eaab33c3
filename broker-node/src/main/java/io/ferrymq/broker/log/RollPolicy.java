package io.ferrymq.broker.log;

/**
 * Decides whether an append goes to a new segment (Kafka's rules): never for an empty active
 * segment; otherwise when the append would take it past {@code log.segment.bytes}, when it has
 * been filling for longer than {@code log.roll.ms}, when an index is full, or when the append's
 * last offset would not fit a 32-bit offset relative to the segment's base. Pure and thread-safe.
 */
record RollPolicy(int segmentBytes, long rollMs) {

    boolean shouldRoll(int segmentSize, long timeWaitedMs, boolean indexFull, long segmentBaseOffset,
                       long lastOffsetOfAppend, int appendBytes) {
        if (segmentSize == 0) {
            return false;
        }
        return (long) segmentSize + appendBytes > segmentBytes
                || timeWaitedMs > rollMs
                || indexFull
                || lastOffsetOfAppend - segmentBaseOffset > Integer.MAX_VALUE;
    }
}
