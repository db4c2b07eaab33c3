package io.ferrymq.broker.server;

import io.ferrymq.common.protocol.SegmentChannel;
import io.netty.channel.FileRegion;
import io.netty.util.AbstractReferenceCounted;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;

/**
 * A Netty {@link FileRegion} over a slice of a segment file that, unlike Netty's
 * {@code DefaultFileRegion}, never closes the file when released: the file belongs to the log and
 * is shared by every fetch. It holds the segment ({@link SegmentChannel}), not a channel, so a
 * segment whose descriptor the log releases while this region waits in the outbound buffer is
 * reopened by the next transfer step ({@link SegmentChannel#withChannel}). Bytes go from the page
 * cache to the socket with {@code transferTo} (sendfile). A slice that turns out shorter than
 * declared, or a segment closed for good (truncated or deleted meanwhile), fails the write, which
 * closes the connection.
 *
 * <p>Used by one channel's event loop at a time, as Netty requires; not thread-safe.
 */
final class SliceFileRegion extends AbstractReferenceCounted implements FileRegion {

    private final SegmentChannel file;
    private final long position;
    private final long count;
    private long transferred;

    SliceFileRegion(SegmentChannel file, long position, long count) {
        this.file = file;
        this.position = position;
        this.count = count;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public long transferred() {
        return transferred;
    }

    @Override
    @Deprecated
    public long transfered() {
        return transferred;
    }

    @Override
    public long transferTo(WritableByteChannel target, long offset) throws IOException {
        long remaining = count - offset;
        if (remaining < 0 || offset < 0) {
            throw new IllegalArgumentException("offset " + offset + " outside the region of " + count + " bytes");
        }
        if (remaining == 0) {
            return 0L;
        }
        long written = file.withChannel(channel -> {
            long n = channel.transferTo(position + offset, remaining, target);
            if (n == 0 && channel.size() < position + count) {
                throw new IOException("segment file is " + channel.size()
                        + " bytes, shorter than the fetched slice ending at " + (position + count));
            }
            return n;
        });
        transferred += Math.max(written, 0);
        return written;
    }

    @Override
    protected void deallocate() {
        // the file is owned by the log segment, not by this region
    }

    @Override
    public FileRegion retain() {
        super.retain();
        return this;
    }

    @Override
    public FileRegion retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public FileRegion touch() {
        return this;
    }

    @Override
    public FileRegion touch(Object hint) {
        return this;
    }
}
