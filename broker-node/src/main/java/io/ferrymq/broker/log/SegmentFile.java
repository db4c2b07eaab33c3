package io.ferrymq.broker.log;

import io.ferrymq.common.record.RecordBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
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
 *
 * <p>Descriptors: a new file is opened at once; an existing one only when first read or written
 * ({@link #channel()}), and {@link #release()} closes it again (the loader releases every old
 * segment after checking it; {@link #releaseIfIdle} closes one nobody used for a while). So a
 * broker holds one descriptor per active segment plus one per old segment being read.
 */
final class SegmentFile implements AutoCloseable {

    private volatile Path path;
    private final Object openLock = new Object();
    private volatile FileChannel channel;
    private volatile long lastUsedMs;
    private volatile boolean closed;
    private volatile int size;
    /** Written or truncated since the last flush; set after the change, cleared before the fsync. */
    private volatile boolean unflushed;

    SegmentFile(Path path, boolean mustBeNew) {
        this.path = path;
        try {
            if (mustBeNew) {
                Files.deleteIfExists(path);
                this.channel = open(path);
                this.size = 0;
            } else {
                long length = Files.size(path);
                if (length > Integer.MAX_VALUE) {
                    throw new IllegalStateException("segment " + path + " is larger than 2 GiB");
                }
                this.size = (int) length;
            }
            this.lastUsedMs = System.currentTimeMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open segment " + path, e);
        }
    }

    private static FileChannel open(Path path) throws IOException {
        return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    Path path() {
        return path;
    }

    /** The open channel, opened now if it was not (or was released); marks the file used. */
    FileChannel channel() {
        lastUsedMs = System.currentTimeMillis();
        FileChannel open = channel;
        if (open != null) {
            return open;
        }
        synchronized (openLock) {
            if (closed) {
                throw new UncheckedIOException("segment " + path + " is closed", new ClosedChannelException());
            }
            if (channel == null) {
                try {
                    channel = open(path);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open segment " + path, e);
                }
            }
            return channel;
        }
    }

    /** Whether a descriptor is held now. */
    boolean isOpen() {
        return channel != null;
    }

    /**
     * Closes the descriptor; the next {@link #channel()} reopens the file. Only for files no
     * reader holds a slice of (a slice's channel would be closed under it).
     */
    void release() {
        synchronized (openLock) {
            FileChannel open = channel;
            channel = null;
            if (open != null) {
                try {
                    open.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot close segment " + path, e);
                }
            }
        }
    }

    /**
     * Releases the descriptor when the file was not used for {@code idleMs}; true when it did. A
     * slice taken from the channel is sent within seconds, so an idle time of minutes leaves no
     * reader with a closed channel.
     */
    boolean releaseIfIdle(long nowMs, long idleMs) {
        if (channel == null || nowMs - lastUsedMs < idleMs) {
            return false;
        }
        release();
        return true;
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
            FileChannel open = channel();
            while (source.hasRemaining()) {
                position += open.write(source, position);
            }
            size = (int) position;
            unflushed = true;
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
            FileChannel open = channel();
            while (scratch.hasRemaining()) {
                if (open.read(scratch, position + scratch.position()) < 0) {
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
                batchSize, scratch.getInt(RecordBatch.PARTITION_LEADER_EPOCH_OFFSET), scratch.getLong(RecordBatch.MAX_TIMESTAMP_OFFSET),
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
            channel().truncate(newSize);
            size = newSize;
            unflushed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot truncate segment " + path, e);
        }
    }

    /** Fsyncs the file if it was written or truncated since the last flush (else nothing to do, nothing opened). */
    void flush() {
        if (!unflushed) {
            return;
        }
        unflushed = false;
        try {
            channel().force(false);
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
        closed = true;
        release();
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
