package io.ferrymq.common.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Objects;

/**
 * Raw record-batch bytes that travel beside a Kryo body rather than inside it (the records of a
 * Produce request partition, or of a Fetch response partition). Either bytes in memory or a slice of
 * a segment file that the server sends with {@code sendfile}, never copied through Kryo.
 *
 * <p>Decoded messages always carry {@link Memory} sources. Instances are immutable views; a
 * {@link Memory} source shares its bytes with the frame it was decoded from (see the codec for
 * their lifetime).
 */
public sealed interface RecordSource permits RecordSource.Memory, RecordSource.FileSlice, RecordSource.Composite {

    /** No records. */
    RecordSource EMPTY = new Memory(ByteBuffer.allocate(0));

    int sizeInBytes();

    /**
     * The bytes as one buffer positioned at the first byte: a read-only-safe duplicate for memory
     * sources, a fresh heap copy for file slices (meant for tests and in-process paths).
     */
    ByteBuffer toByteBuffer();

    static RecordSource of(ByteBuffer buffer) {
        return new Memory(buffer);
    }

    static RecordSource ofFile(FileChannel channel, long position, int size) {
        return new FileSlice(SegmentChannel.of(channel), position, size);
    }

    /** A slice of a file that its owner may release and reopen (see {@link SegmentChannel}). */
    static RecordSource ofFile(SegmentChannel file, long position, int size) {
        return new FileSlice(file, position, size);
    }

    static RecordSource concat(List<RecordSource> parts) {
        return parts.size() == 1 ? parts.get(0) : new Composite(parts);
    }

    /** Bytes in memory, from {@code buffer.position()} to {@code buffer.limit()}. */
    record Memory(ByteBuffer buffer) implements RecordSource {
        public Memory {
            buffer = Objects.requireNonNull(buffer, "buffer").slice();
        }

        @Override
        public int sizeInBytes() {
            return buffer.remaining();
        }

        @Override
        public ByteBuffer toByteBuffer() {
            return buffer.duplicate();
        }
    }

    /**
     * {@code size} bytes of a file from {@code position}; the channel is not closed by anyone here.
     * Reads go through {@link SegmentChannel#withChannel}, so a file released meanwhile is reopened.
     */
    record FileSlice(SegmentChannel file, long position, int size) implements RecordSource {
        public FileSlice {
            Objects.requireNonNull(file, "file");
            if (position < 0 || size < 0) {
                throw new IllegalArgumentException("file slice position and size must be >= 0, were " + position + ", " + size);
            }
        }

        @Override
        public int sizeInBytes() {
            return size;
        }

        @Override
        public ByteBuffer toByteBuffer() {
            ByteBuffer copy = ByteBuffer.allocate(size);
            try {
                file.withChannel(channel -> {
                    while (copy.hasRemaining()) {
                        int read = channel.read(copy, position + copy.position());
                        if (read < 0) {
                            throw new IllegalStateException("file slice ends at " + (position + copy.position())
                                    + ", before its declared end " + (position + size));
                        }
                    }
                    return copy;
                });
            } catch (IOException e) {
                throw new UncheckedIOException("Reading file slice at " + position + " of " + size + " bytes", e);
            }
            return copy.flip();
        }
    }

    /** Several sources sent back to back (e.g. a read that spans two segment files). */
    record Composite(List<RecordSource> parts) implements RecordSource {
        public Composite {
            parts = List.copyOf(parts);
        }

        @Override
        public int sizeInBytes() {
            long total = 0;
            for (RecordSource part : parts) {
                total += part.sizeInBytes();
            }
            return Math.toIntExact(total);
        }

        @Override
        public ByteBuffer toByteBuffer() {
            ByteBuffer all = ByteBuffer.allocate(sizeInBytes());
            for (RecordSource part : parts) {
                all.put(part.toByteBuffer());
            }
            return all.flip();
        }
    }
}
