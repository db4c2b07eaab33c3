package io.ferrymq.broker.log.index;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A sparse map from timestamps to offsets in one segment: Kafka's {@code .timeindex} format,
 * 12-byte big-endian entries {@code timestamp int64, relativeOffset int32}. An entry
 * {@code (t, o)} says the largest timestamp in the segment up to and including the batch holding
 * offset {@code o} is {@code t}; timestamps strictly increase and offsets never decrease. Written
 * next to each offset index entry, plus a final entry when the segment stops being active.
 *
 * <p>Crash policy, chunked file writes and thread-safety as {@link OffsetIndex}: derived data,
 * rebuilt when it fails {@link #sanityCheck}; one writer, concurrent lookups.
 */
public final class TimeIndex extends SparseIndex {

    public static final int ENTRY_SIZE = 12;

    private volatile long[] timestamps = new long[16];
    private volatile int[] relativeOffsets = new int[16];

    private TimeIndex(Path path, long baseOffset, int maxIndexBytes) {
        super(path, ENTRY_SIZE, baseOffset, maxIndexBytes);
    }

    /** Opens (or creates) the time index; throws {@link CorruptIndexException} for a partial entry. */
    public static TimeIndex open(Path path, long baseOffset, int maxIndexBytes) {
        TimeIndex index = new TimeIndex(path, baseOffset, maxIndexBytes);
        index.load(bytes -> {
            int n = bytes.remaining() / ENTRY_SIZE;
            long[] loadedTimestamps = new long[Math.max(16, n)];
            int[] loadedOffsets = new int[Math.max(16, n)];
            for (int i = 0; i < n; i++) {
                loadedTimestamps[i] = bytes.getLong();
                loadedOffsets[i] = bytes.getInt();
            }
            index.timestamps = loadedTimestamps;
            index.relativeOffsets = loadedOffsets;
            return n;
        });
        return index;
    }

    public TimestampOffset entry(int n) {
        return new TimestampOffset(timestamps[n], baseOffset + relativeOffsets[n]);
    }

    /** The last entry, or (-1, baseOffset) when empty. */
    public TimestampOffset lastEntry() {
        int n = entries();
        return n == 0 ? new TimestampOffset(-1L, baseOffset) : entry(n - 1);
    }

    /**
     * Appends {@code (timestamp, offset)} if the timestamp is above the last entry's; otherwise
     * does nothing. {@code skipFullCheck} allows one entry past the limit (the final entry of a
     * segment being rolled or closed).
     */
    public void maybeAppend(long timestamp, long offset, boolean skipFullCheck) {
        int n = entries();
        if (n > 0 && timestamp <= timestamps[n - 1]) {
            return;
        }
        if (!skipFullCheck && n >= maxEntries()) {
            throw new IllegalStateException("time index " + path() + " is full (" + n + " entries)");
        }
        long relative = offset - baseOffset;
        if (relative < 0 || relative > Integer.MAX_VALUE || (n > 0 && relative < relativeOffsets[n - 1])) {
            throw new IllegalStateException("time index entry (" + timestamp + ", " + offset
                    + ") does not fit after " + lastEntry() + " in " + path());
        }
        long[] ts = timestamps;
        int[] offsets = relativeOffsets;
        if (n == ts.length) {
            ts = Arrays.copyOf(ts, ts.length * 2);
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        ts[n] = timestamp;
        offsets[n] = (int) relative;
        relativeOffsets = offsets;
        timestamps = ts;
        appended(n + 1);
    }

    /**
     * The entry with the largest timestamp strictly below {@code target}, or (-1, baseOffset):
     * every record before that entry's offset is older than {@code target}, so a search for the
     * first record at or after {@code target} may start at the batch holding that offset.
     */
    public TimestampOffset lookupBefore(long target) {
        int n = entries();
        long[] ts = timestamps;
        int[] offsets = relativeOffsets;
        int low = 0;
        int high = n - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (ts[mid] < target) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found < 0 ? new TimestampOffset(-1L, baseOffset)
                : new TimestampOffset(ts[found], baseOffset + offsets[found]);
    }

    /** Timestamps strictly increase, offsets never decrease and stay in [baseOffset, nextSegmentBaseOffset). */
    public void sanityCheck(long nextSegmentBaseOffset) {
        for (int i = 0; i < entries(); i++) {
            long offset = baseOffset + relativeOffsets[i];
            boolean ordered = i == 0 || (timestamps[i] > timestamps[i - 1] && relativeOffsets[i] >= relativeOffsets[i - 1]);
            if (!ordered || relativeOffsets[i] < 0 || offset >= nextSegmentBaseOffset) {
                throw new CorruptIndexException("time index " + path() + " entry " + i + " (" + timestamps[i] + ", "
                        + offset + ") is out of order or outside the segment");
            }
        }
    }

    @Override
    int relativeOffsetAt(int i) {
        return relativeOffsets[i];
    }

    @Override
    void writeEntry(int i, ByteBuffer out) {
        out.putLong(timestamps[i]).putInt(relativeOffsets[i]);
    }
}
