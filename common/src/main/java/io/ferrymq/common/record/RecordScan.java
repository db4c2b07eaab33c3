package io.ferrymq.common.record;

/**
 * The fast path of the leader's record walk: decides whether an uncompressed records section in a
 * heap array passes every check of {@link RecordReader#skip} for each record and has no bytes after
 * the last, in one loop over the array (no call per field: C1, the only compiler on small brokers,
 * inlines none of the reader's calls). It says only "valid" (with the largest create time) or
 * "not valid"; {@link RecordBatchValidator} then walks a refused section again with the
 * {@link RecordReader}, whose error names the fault, so the messages have one source. Invariant,
 * held by {@code RecordScanTest}: it accepts exactly what the reader accepts.
 *
 * <p>Not thread-safe: one instance scans one section.
 */
final class RecordScan {

    private final byte[] array;
    private final int limit;
    private int position;
    private boolean failed;
    private long maxTimestamp = Long.MIN_VALUE;

    /** Scans {@code array[from, to)}. */
    RecordScan(byte[] array, int from, int to) {
        this.array = array;
        this.position = from;
        this.limit = to;
    }

    /** Whether the section holds exactly {@code count} valid records; {@link #maxTimestamp} after true. */
    boolean isValid(int count, long baseTimestamp) {
        for (int index = 0; index < count && !failed; index++) {
            scanRecord(index, baseTimestamp);
        }
        return !failed && position == limit;
    }

    /** The largest create time of the records (the base timestamp plus the largest delta). */
    long maxTimestamp() {
        return maxTimestamp;
    }

    private void scanRecord(int index, long baseTimestamp) {
        int length = varint();
        int start = position;
        int end = start + length;
        if (failed || length < 0 || end > limit || end < start || position >= limit) {
            failed = true;
            return;
        }
        position++;
        maxTimestamp = Math.max(maxTimestamp, baseTimestamp + varlong(end));
        if (varintWithin(end) != index) {
            failed = true;
            return;
        }
        skipBytes(end, -1);
        skipBytes(end, -1);
        int headers = varintWithin(end);
        if (headers < 0 || headers > (end - position) / 2) {
            failed = true;
            return;
        }
        for (int i = 0; i < headers && !failed; i++) {
            skipBytes(end, 0);
            skipBytes(end, -1);
        }
        failed |= position != end;
    }

    /** A length field (at least {@code min}) and the bytes it counts, all inside the record ending at {@code end}. */
    private void skipBytes(int end, int min) {
        int length = varintWithin(end);
        if (length < min || length > end - position) {
            failed = true;
            return;
        }
        position += Math.max(length, 0);
    }

    /** A varint that must end by {@code end} (the record's end); past it the record's checks fail anyway. */
    private int varintWithin(int end) {
        int value = varint();
        failed |= position > end;
        return value;
    }

    /** As {@link ByteSource#readVarint}: at most 5 bytes, bits past 32 dropped; a fault sets {@code failed}. */
    private int varint() {
        int raw = 0;
        for (int shift = 0; shift <= 28 && position < limit; shift += 7) {
            int b = array[position++];
            raw |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        failed = true;
        return 0;
    }

    /** As {@link ByteSource#readVarlong}, inside the record ending at {@code end}. */
    private long varlong(int end) {
        long raw = 0;
        for (int shift = 0; shift <= 63 && position < end; shift += 7) {
            int b = array[position++];
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        failed = true;
        return 0;
    }
}
