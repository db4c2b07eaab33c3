package io.ferrymq.broker.log;

import io.ferrymq.common.record.RecordBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The {@code .log} file of a segment: whole batches appended with positional writes, batch
 * headers read back by position, truncation and fsync. Its size is published (volatile) only
 * after a write completes, so a reader bounded by {@link #size()} never sees a partial batch.
 * One writer at a time; any number of concurrent readers.
 */
final class SegmentFile implements AutoCloseable {

    private volatile Path path;
    private final FileChannel channel;
    private volatile int size;

    SegmentFile(Path path, boolean mustBeNew) {
        this.path = path;
        try {
            if (mustBeNew) {
                Files.deleteIfExists(path);
            }
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            long length = channel.size();
            if (length > Integer.MAX_VALUE) {
                throw new IllegalStateException("segment " + path + " is larger than 2 GiB");
            }
            this.size = (int) length;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open segment " + path, e);
        }
    }

    Path path() {
        return path;
    }

    FileChannel channel() {
        return channel;
    }

    int size() {
        return size;
    }

    /** Appends the buffer's remaining bytes at the end of the file. */
    void append(ByteBuffer bytes) {
        int end = size;
        ByteBuffer source = bytes.duplicate();
        try {
            long position = end;
            while (source.hasRemaining()) {
                position += channel.write(source, position);
            }
            size = (int) position;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to segment " + path, e);
        }
    }

    /** The header of the batch at {@code position}, if a whole batch header lies before {@code limit}. */
    Optional<BatchHeader> readHeader(int position, int limit, ByteBuffer scratch) {
        if (limit - position < RecordBatch.HEADER_SIZE) {
            return Optional.empty();
        }
        scratch.clear().limit(RecordBatch.HEADER_SIZE);
        try {
            while (scratch.hasRemaining()) {
                if (channel.read(scratch, position + scratch.position()) < 0) {
                    return Optional.empty();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read segment " + path, e);
        }
        long baseOffset = scratch.getLong(0);
        int batchSize = scratch.getInt(RecordBatch.LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD;
        if (batchSize < RecordBatch.HEADER_SIZE || batchSize > limit - position) {
            return Optional.empty();
        }
        return Optional.of(new BatchHeader(position, baseOffset, baseOffset + scratch.getInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET),
                batchSize, scratch.getLong(RecordBatch.MAX_TIMESTAMP_OFFSET),
                scratch.getLong(RecordBatch.PRODUCER_ID_OFFSET),
                scratch.getShort(RecordBatch.PRODUCER_EPOCH_OFFSET), scratch.getInt(RecordBatch.BASE_SEQUENCE_OFFSET)));
    }

    static ByteBuffer newScratch() {
        return ByteBuffer.allocate(RecordBatch.HEADER_SIZE);
    }

    /** Renames the file; the open channel stays valid (POSIX), so readers holding slices are unaffected. */
    void renameTo(Path target) {
        try {
            Files.move(path, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            path = target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + path + " to " + target, e);
        }
    }

    void truncateTo(int newSize) {
        try {
            channel.truncate(newSize);
            size = newSize;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot truncate segment " + path, e);
        }
    }

    void flush() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush segment " + path, e);
        }
    }

    long lastModifiedMs() {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat segment " + path, e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close segment " + path, e);
        }
    }

    void closeAndDelete() {
        close();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete segment " + path, e);
        }
    }
}
