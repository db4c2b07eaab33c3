package io.ferrymq.broker.log.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file behind an index: fixed-size entries appended with positional writes, truncated by
 * entry count, fsynced on {@link #flush()}. Files hold exactly the entries written (no
 * pre-allocation), so a cleanly closed index is byte-identical to Kafka's trimmed one. Callers
 * serialize writes; not thread-safe.
 */
final class IndexFile implements AutoCloseable {

    private volatile Path path;
    private final int entrySize;
    private final FileChannel channel;

    IndexFile(Path path, int entrySize) {
        this.path = path;
        this.entrySize = entrySize;
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
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
        try {
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
        try {
            long position = (long) entryNumber * entrySize;
            while (entry.hasRemaining()) {
                position += channel.write(entry, position);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to index " + path, e);
        }
    }

    void renameTo(Path target) {
        try {
            Files.move(path, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            path = target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + path + " to " + target, e);
        }
    }

    void truncateToEntries(int entries) {
        try {
            channel.truncate((long) entries * entrySize);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot truncate index " + path, e);
        }
    }

    void flush() {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush index " + path, e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close index " + path, e);
        }
    }

    void closeAndDelete() {
        close();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete index " + path, e);
        }
    }
}
