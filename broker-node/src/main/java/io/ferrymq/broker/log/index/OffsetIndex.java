package io.ferrymq.broker.log.index;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A sparse map from offsets to byte positions in one segment's {@code .log}: Kafka's
 * {@code .index} format, 8-byte big-endian entries {@code relativeOffset int32, position int32},
 * where {@code relativeOffset = offset - baseOffset}. An entry {@code (o, p)} says the batch that
 * starts at byte {@code p} ends at offset {@code o}; both columns strictly increase. A lookup
 * binary-searches the largest entry at or below the target, from where the log is scanned.
 *
 * <p>Crash policy: the index is derived data. A file that fails {@link #sanityCheck} is rebuilt
 * from the log, never trusted. Entries live in memory (8 bytes each) and reach the file in chunks
 * ({@link SparseIndex}).
 *
 * <p>Thread-safety: one writer at a time (the partition log's lock); lookups may run
 * concurrently with appends and see a consistent prefix of the entries.
 */
public final class OffsetIndex extends SparseIndex {

    public static final int ENTRY_SIZE = 8;

    private volatile long[] entries = new long[16];

    private OffsetIndex(Path path, long baseOffset, int maxIndexBytes) {
        super(path, ENTRY_SIZE, baseOffset, maxIndexBytes);
    }

    /**
     * Opens (or creates) the index at {@code path} and loads its entries.
     *
     * @throws CorruptIndexException when the file is not a whole number of entries
     */
    public static OffsetIndex open(Path path, long baseOffset, int maxIndexBytes) {
        OffsetIndex index = new OffsetIndex(path, baseOffset, maxIndexBytes);
        index.load(bytes -> {
            long[] loaded = new long[Math.max(16, bytes.remaining() / ENTRY_SIZE)];
            int n = 0;
            while (bytes.hasRemaining()) {
                loaded[n++] = pack(bytes.getInt(), bytes.getInt());
            }
            index.entries = loaded;
            return n;
        });
        return index;
    }

    public long baseOffset() {
        return baseOffset;
    }

    public OffsetPosition entry(int n) {
        long e = entries[n];
        return new OffsetPosition(baseOffset + relativeOffset(e), position(e));
    }

    /** The last entry, or (baseOffset, 0) for an empty index. */
    public OffsetPosition lastEntry() {
        int n = entries();
        return n == 0 ? new OffsetPosition(baseOffset, 0) : entry(n - 1);
    }

    /**
     * Adds {@code (offset, position)}: offset and position must exceed the last entry's.
     *
     * @throws IllegalStateException when full or out of order (a bug, not bad input)
     */
    public void append(long offset, int position) {
        int n = entries();
        if (n >= maxEntries()) {
            throw new IllegalStateException("index " + path() + " is full (" + n + " entries)");
        }
        long relative = offset - baseOffset;
        if (relative < 0 || relative > Integer.MAX_VALUE) {
            throw new IllegalStateException("offset " + offset + " does not fit index based at " + baseOffset);
        }
        if (n > 0 && (relative <= relativeOffset(entries[n - 1]) || position <= position(entries[n - 1]))) {
            throw new IllegalStateException("index entry (" + offset + ", " + position + ") is not after "
                    + entry(n - 1) + " in " + path());
        }
        long[] current = entries;
        if (n == current.length) {
            current = Arrays.copyOf(current, Math.min(maxEntries(), current.length * 2));
        }
        current[n] = pack((int) relative, position);
        entries = current;
        appended(n + 1);
    }

    /** The largest entry whose offset is at or below {@code target}, or (baseOffset, 0) if none. */
    public OffsetPosition lookup(long target) {
        int n = entries();
        long[] snapshot = entries;
        long relative = target - baseOffset;
        int low = 0;
        int high = n - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (relativeOffset(snapshot[mid]) <= relative) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found < 0 ? new OffsetPosition(baseOffset, 0)
                : new OffsetPosition(baseOffset + relativeOffset(snapshot[found]), position(snapshot[found]));
    }

    /**
     * The largest entry whose position is at or below {@code maxPosition} and whose offset is
     * below {@code maxOffsetExclusive}, or (baseOffset, 0) if none: every batch before that
     * entry's position ends below both bounds.
     */
    public OffsetPosition lookupByPosition(int maxPosition, long maxOffsetExclusive) {
        int n = entries();
        long[] snapshot = entries;
        long maxRelative = maxOffsetExclusive - baseOffset;
        int low = 0;
        int high = n - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (position(snapshot[mid]) <= maxPosition && relativeOffset(snapshot[mid]) < maxRelative) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found < 0 ? new OffsetPosition(baseOffset, 0)
                : new OffsetPosition(baseOffset + relativeOffset(snapshot[found]), position(snapshot[found]));
    }

    /**
     * Checks what can be checked without the log: offsets and positions strictly increase, offsets
     * stay below {@code nextSegmentBaseOffset} and positions below {@code logSize}.
     */
    public void sanityCheck(long logSize, long nextSegmentBaseOffset) {
        long[] snapshot = entries;
        for (int i = 0; i < entries(); i++) {
            long offset = baseOffset + relativeOffset(snapshot[i]);
            int position = position(snapshot[i]);
            boolean ordered = i == 0 || (relativeOffset(snapshot[i]) > relativeOffset(snapshot[i - 1])
                    && position > position(snapshot[i - 1]));
            if (!ordered || position < 0 || position >= logSize || offset >= nextSegmentBaseOffset
                    || relativeOffset(snapshot[i]) < 0) {
                throw new CorruptIndexException("index " + path() + " entry " + i + " (" + offset + ", " + position
                        + ") is out of order or outside the segment (log size " + logSize + ")");
            }
        }
    }

    @Override
    int relativeOffsetAt(int i) {
        return relativeOffset(entries[i]);
    }

    @Override
    void writeEntry(int i, ByteBuffer out) {
        long entry = entries[i];
        out.putInt(relativeOffset(entry)).putInt(position(entry));
    }

    private static long pack(int relativeOffset, int position) {
        return ((long) relativeOffset << 32) | (position & 0xffffffffL);
    }

    private static int relativeOffset(long entry) {
        return (int) (entry >>> 32);
    }

    private static int position(long entry) {
        return (int) entry;
    }
}
