package io.ferrymq.broker.log;

import io.ferrymq.common.protocol.SegmentChannel;
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
 * ({@link #channel()}), and {@link #release()} closes it again. The file of the active segment
 * stays open (an existing file opens as inactive, until {@link #activate}). When the segment rolls
 * ({@link #deactivate}) its descriptor is closed unless the file was read in the last
 * {@link #RECENT_READ_MS}; an inactive file opened again counts against the broker's
 * {@link OpenSegmentFiles} cap, which releases the least recently used ones, and
 * {@link #releaseIfIdle} closes one nobody used for a while. So a broker holds one descriptor per
 * active segment plus at most {@code log.open.inactive.segments.max}.
 *
 * <p>A release may close the channel under a reader: every operation here and every
 * {@link FileSlice} goes through {@link #withChannel}, which reopens the file and runs the
 * positional read or write once more. Only {@link #close()} (segment deleted, truncated away, log
 * closed) is final: later uses fail with a {@link ClosedChannelException} cause.
 */
final class SegmentFile implements AutoCloseable, SegmentChannel {

    /** A segment read this recently keeps its descriptor when it rolls (a follower is reading its tail). */
    static final long RECENT_READ_MS = 10_000L;

    private volatile Path path;
    private final OpenSegmentFiles openFiles;
    private volatile FileChannel channel;
    private volatile long lastUsedMs;
    private volatile long lastReadMs;
    private volatile boolean active;
    private volatile boolean closed;
    private volatile int size;
    /** Written or truncated since the last flush; set after the change, cleared before the fsync. */
    private volatile boolean unflushed;

    /** A file counted against its own unbounded cap (a file opened briefly outside any log). */
    SegmentFile(Path path, boolean mustBeNew) {
        this(path, mustBeNew, new OpenSegmentFiles(Integer.MAX_VALUE));
    }

    /**
     * The file at {@code path}, created empty (and active) when {@code mustBeNew}, else an existing
     * inactive file opened on first use and counted against {@code openFiles}.
     */
    SegmentFile(Path path, boolean mustBeNew, OpenSegmentFiles openFiles) {
        this.path = path;
        this.openFiles = openFiles;
        this.active = mustBeNew;
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

    /** The open channel for a read, opened now if it was not (or was released); marks the file read. */
    @Override
    public FileChannel channel() {
        lastReadMs = System.currentTimeMillis();
        return channelForUse();
    }

    private FileChannel channelForUse() {
        lastUsedMs = System.currentTimeMillis();
        FileChannel open = channel;
        if (open != null) {
            if (!active) {
                openFiles.touch(this);
            }
            return open;
        }
        synchronized (openFiles) {
            if (closed) {
                throw new UncheckedIOException("segment " + path + " was closed (deleted, truncated away or its log "
                        + "closed)", new ClosedChannelException());
            }
            if (channel != null) {
                return channel;
            }
            try {
                open = open(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open segment " + path, e);
            }
            channel = open;
            if (!active) {
                openFiles.admit(this).forEach(SegmentFile::release);
            }
            return open;
        }
    }

    /** {@link #withChannel} for a write-side step (not marking the file read). */
    private <T> T withWriteChannel(ChannelOperation<T> io) throws IOException {
        return SegmentChannel.retryOnce(this::channelForUse, io);
    }

    /** Whether a descriptor is held now. */
    boolean isOpen() {
        return channel != null;
    }

    /** The segment became the active one again (truncation removed the newer ones): out of the cap. */
    void activate() {
        synchronized (openFiles) {
            active = true;
            openFiles.forget(this);
        }
    }

    /**
     * The segment stopped being the active one: its descriptor is closed now unless the file was
     * read in the last {@link #RECENT_READ_MS}, in which case it stays open under the cap.
     */
    void deactivate() {
        long nowMs = System.currentTimeMillis();
        synchronized (openFiles) {
            if (!active) {
                return;
            }
            active = false;
            if (channel != null && nowMs - lastReadMs < RECENT_READ_MS) {
                openFiles.admit(this).forEach(SegmentFile::release);
            } else {
                release();
            }
        }
    }

    /**
     * Closes the descriptor; the next use reopens the file. A reader or a slice being sent that
     * meets the closed channel reopens it ({@link #withChannel}).
     */
    void release() {
        synchronized (openFiles) {
            FileChannel open = channel;
            channel = null;
            openFiles.forget(this);
            if (open != null) {
                try {
                    open.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot close segment " + path, e);
                }
            }
        }
    }

    /** Releases the descriptor when the file was not used for {@code idleMs}; true when it did. */
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
            long written = withWriteChannel(open -> {
                ByteBuffer pending = source.duplicate();
                long position = end;
                while (pending.hasRemaining()) {
                    position += open.write(pending, position);
                }
                return position;
            });
            size = (int) written;
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
        try {
            boolean whole = withChannel(open -> {
                scratch.clear().limit(RecordBatch.HEADER_SIZE);
                while (scratch.hasRemaining()) {
                    if (open.read(scratch, position + scratch.position()) < 0) {
                        return false;
                    }
                }
                return true;
            });
            if (!whole) {
                return Optional.empty();
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
            withWriteChannel(open -> open.truncate(newSize));
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
            withWriteChannel(open -> {
                open.force(false);
                return open;
            });
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
