package io.ferrymq.broker.log.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The file behind an index: fixed-size entries appended with positional writes, truncated by
 * entry count, fsynced on {@link #flush()}. Files hold exactly the entries written (no
 * pre-allocation), so a cleanly closed index is byte-identical to Kafka's trimmed one.
 *
 * <p>Holds no file descriptor between calls: every operation opens the file, does its work and
 * closes it again. The entries live in the index's memory ({@link SparseIndex}), so the file is
 * touched only when a chunk of entries is written, on truncation, flush and rename; a broker with
 * 10,000 partitions therefore spends no descriptors on indexes (Kafka maps its indexes and closes
 * their channels for the same reason). An fsync through a fresh descriptor writes back every
 * dirty page of the file, whichever descriptor wrote it. Callers serialize writes; not thread-safe.
 */
final class IndexFile implements AutoCloseable {

    private volatile Path path;
    private final int entrySize;
    /** Written or truncated since the last flush; set after the change, cleared before the fsync. */
    private volatile boolean unflushed;

    IndexFile(Path path, int entrySize) {
        this.path = path;
        this.entrySize = entrySize;
        try {
            if (!Files.exists(path)) {
                Files.newByteChannel(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open index " + path, e);
        }
    }

    Path path() {
        return path;
    }

    int entrySize() {
        return entrySize;
    }

    /** The whole file; throws {@link CorruptIndexException} unless it is a whole number of entries. */
    ByteBuffer readAll() {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size % entrySize != 0) {
                throw new CorruptIndexException("index " + path + " is " + size + " bytes, not a multiple of "
                        + entrySize);
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, buffer.position()) < 0) {
                    throw new CorruptIndexException("index " + path + " shrank while being read");
                }
            }
            return buffer.flip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read index " + path, e);
        }
    }

    void write(int entryNumber, ByteBuffer entry) {
        try (FileChannel channel = openForWrite()) {
            long position = (long) entryNumber * entrySize;
            while (entry.hasRemaining()) {
                position += channel.write(entry, position);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to index " + path, e);
        }
        unflushed = true;
    }

    void renameTo(Path target) {
        try {
            Files.move(path, target, StandardCopyOption.REPLACE_EXISTING);
            path = target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + path + " to " + target, e);
        }
    }

    void truncateToEntries(int entries) {
        long size = (long) entries * entrySize;
        try (FileChannel channel = openForWrite()) {
            if (channel.size() > size) {
                channel.truncate(size);
                unflushed = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot truncate index " + path, e);
        }
    }

    /** Fsyncs the file if it was written or truncated since the last flush (else nothing to do). */
    void flush() {
        if (!unflushed) {
            return;
        }
        unflushed = false;
        try (FileChannel channel = openForWrite()) {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush index " + path, e);
        }
    }

    /** Nothing is held open between calls, so closing only ends the file's use. */
    @Override
    public void close() {
    }

    void closeAndDelete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete index " + path, e);
        }
    }

    private FileChannel openForWrite() throws IOException {
        return FileChannel.open(path, StandardOpenOption.WRITE);
    }
}
