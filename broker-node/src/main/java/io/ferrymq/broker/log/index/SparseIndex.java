package io.ferrymq.broker.log.index;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.ToIntFunction;

/**
 * What Ferry's two segment indexes share: entries kept in memory by the subclass, a limit on their
 * number, and the {@link IndexFile} behind them, which receives new entries in chunks of
 * {@value #WRITE_CHUNK_ENTRIES} and on {@link #flush()}, {@link #close()} and {@link #renameTo}
 * (like Kafka's memory-mapped index, whose pages the OS writes back when it likes), so after a
 * crash the file may lag the log; recovery rebuilds the index of every segment past the recovery
 * point. Every entry holds an offset relative to the segment's base offset, which never decreases.
 *
 * <p>Thread-safety: one writer at a time (the partition log's lock). A subclass publishes a new
 * entry by storing it into its (volatile) arrays and then calling {@link #appended}, which writes
 * the volatile count, so readers that read {@link #count} first see a consistent prefix.
 */
abstract class SparseIndex implements AutoCloseable {

    static final int WRITE_CHUNK_ENTRIES = 512;

    protected final long baseOffset;
    private final IndexFile file;
    private final int maxEntries;
    private volatile int count;
    private int persisted;

    SparseIndex(Path path, int entrySize, long baseOffset, int maxIndexBytes) {
        this.file = new IndexFile(path, entrySize);
        this.baseOffset = baseOffset;
        this.maxEntries = Math.max(1, maxIndexBytes / entrySize);
    }

    /** Entry {@code i}'s offset relative to the base offset. */
    abstract int relativeOffsetAt(int i);

    /** Writes entry {@code i} in the file format. */
    abstract void writeEntry(int i, ByteBuffer out);

    /** Loads the file's entries through {@code load} (given the file's bytes), closing the file if it fails. */
    final void load(ToIntFunction<ByteBuffer> load) {
        try {
            int n = load.applyAsInt(file.readAll());
            count = n;
            persisted = n;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Publishes entries up to {@code newCount} (already stored) and writes a chunk when one is due. */
    final void appended(int newCount) {
        count = newCount;
        if (newCount - persisted >= WRITE_CHUNK_ENTRIES) {
            writePending();
        }
    }

    public Path path() {
        return file.path();
    }

    public int entries() {
        return count;
    }

    public boolean isFull() {
        return count >= maxEntries;
    }

    public int maxEntries() {
        return maxEntries;
    }

    /** Removes every entry whose offset is at or above {@code offset}. */
    public void truncateTo(long offset) {
        int n = count;
        while (n > 0 && baseOffset + relativeOffsetAt(n - 1) >= offset) {
            n--;
        }
        count = n;
        persisted = Math.min(persisted, n);
        file.truncateToEntries(persisted);
    }

    /** Removes every entry. */
    public void reset() {
        count = 0;
        persisted = 0;
        file.truncateToEntries(0);
    }

    /** Keeps the first {@code n} entries (an append being undone); no-op when there are not more. */
    public void truncateToEntries(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative entry count " + n + " for " + path());
        }
        if (n >= count) {
            return;
        }
        count = n;
        persisted = Math.min(persisted, n);
        file.truncateToEntries(persisted);
    }

    public void flush() {
        writePending();
        file.flush();
    }

    @Override
    public void close() {
        writePending();
        file.close();
    }

    /** Renames the index file (e.g. to mark it deleted); entries in memory stay usable. */
    public void renameTo(Path target) {
        writePending();
        file.renameTo(target);
    }

    public void closeAndDelete() {
        file.closeAndDelete();
    }

    private void writePending() {
        int n = count;
        if (persisted >= n) {
            return;
        }
        ByteBuffer bytes = ByteBuffer.allocate((n - persisted) * file.entrySize());
        for (int i = persisted; i < n; i++) {
            writeEntry(i, bytes);
        }
        file.write(persisted, bytes.flip());
        persisted = n;
    }
}
