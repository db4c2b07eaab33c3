package io.ferrymq.common.record;

import io.ferrymq.common.errors.CorruptRecordException;
import io.ferrymq.common.errors.InvalidRecordException;
import io.ferrymq.common.errors.RecordTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes of a batch's records section, read forward once: straight from the batch's buffer
 * when uncompressed ({@link #of(ByteBuffer)}), or through a decompressing stream with a hard cap
 * on the inflated bytes ({@link #inflating(InputStream, long)}), so a records section is never
 * materialized whole and a compression bomb costs at most the cap in CPU and a fixed buffer in
 * memory. Running out of bytes inside a field is an {@link InvalidRecordException}; inflating past
 * the cap a {@link RecordTooLargeException}; a stream that does not decode a
 * {@link CorruptRecordException}. Not thread-safe: one reader at a time.
 */
abstract sealed class ByteSource permits ByteSource.BufferSource, ByteSource.StreamSource {

    /** A source over the buffer's remaining bytes (the buffer's own position is not moved). */
    static ByteSource of(ByteBuffer buffer) {
        return new BufferSource(buffer.slice());
    }

    /**
     * {@link #of} for one pass that keeps nothing it reads (no view from {@link #read} outlives it):
     * bytes not in a heap array are copied into this thread's reused {@link ScanScratch}.
     */
    static ByteSource scanning(ByteBuffer buffer) {
        return new BufferSource(buffer.hasArray() ? buffer.slice() : ScanScratch.copyOf(buffer));
    }

    /** A source over a decompressing stream; more than {@code maxBytes} inflated bytes are refused. */
    static ByteSource inflating(InputStream stream, long maxBytes) {
        return new StreamSource(stream, maxBytes);
    }

    /** Bytes consumed so far. */
    abstract long position();

    /** The next byte, unsigned. */
    abstract int readByte();

    /** Consumes {@code n} bytes without keeping them. */
    abstract void skip(int n);

    /** The next {@code n} bytes as a buffer (a view when possible, else a copy of exactly n bytes). */
    abstract ByteBuffer read(int n);

    /** {@link #read} as a read-only buffer. */
    ByteBuffer readReadOnly(int n) {
        return read(n).asReadOnlyBuffer();
    }

    /**
     * The next {@code n} bytes as the source {@code body}, re-pointed at them: one record's bytes, read
     * by the caller field by field. Over bytes in memory nothing is allocated.
     */
    BufferSource readInto(BufferSource body, int n) {
        return body.reset(read(n));
    }

    /** Whether every byte has been consumed. */
    abstract boolean atEnd();

    int readVarint() {
        int raw = 0;
        for (int shift = 0; shift <= 28; shift += 7) {
            int b = readByte();
            raw |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new InvalidRecordException("varint longer than 5 bytes at byte " + (position() - 5)
                + " of the records section");
    }

    long readVarlong() {
        long raw = 0;
        for (int shift = 0; shift <= 63; shift += 7) {
            int b = readByte();
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new InvalidRecordException("varlong longer than 10 bytes at byte " + (position() - 10)
                + " of the records section");
    }

    final InvalidRecordException cut(int wanted) {
        return new InvalidRecordException("records section ends at byte " + position() + " where " + wanted
                + " more bytes are expected");
    }

    /**
     * Over bytes already in memory, read straight from their array (a heap buffer's, or a copy of a
     * direct buffer's): every read is bounds-checked, nothing is copied, and a varint is decoded in one
     * call, which keeps the leader's record-by-record walk cheap on the produce path.
     */
    static final class BufferSource extends ByteSource {
        private ByteBuffer buffer;
        private byte[] array;
        private int arrayOffset;
        private ByteBuffer readOnly; // buffer.asReadOnlyBuffer(), made on first use, shared with bodies re-pointed here
        private int start;
        private int position;
        private int limit;

        BufferSource(ByteBuffer buffer) {
            reset(buffer);
        }

        /** Re-points this source at {@code next} (from its position), so one instance serves many records. */
        BufferSource reset(ByteBuffer next) {
            ByteBuffer heap = next.hasArray() ? next : ByteBuffer.wrap(copy(next));
            this.buffer = heap;
            this.array = heap.array();
            this.arrayOffset = heap.arrayOffset();
            this.readOnly = null;
            this.start = heap.arrayOffset() + heap.position();
            this.position = start;
            this.limit = heap.arrayOffset() + heap.limit();
            return this;
        }

        /** The one-loop check of the bytes left ({@link RecordScan}); it does not move this source. */
        RecordScan scan() {
            return new RecordScan(array, position, limit);
        }

        private static byte[] copy(ByteBuffer direct) {
            byte[] bytes = new byte[direct.remaining()];
            direct.duplicate().get(bytes);
            return bytes;
        }

        @Override
        long position() {
            return position - start;
        }

        @Override
        int readByte() {
            if (position >= limit) {
                throw cut(1);
            }
            return array[position++] & 0xff;
        }

        @Override
        int readVarint() {
            int raw = 0;
            for (int shift = 0; shift <= 28; shift += 7) {
                if (position >= limit) {
                    throw cut(1);
                }
                int b = array[position++];
                raw |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return (raw >>> 1) ^ -(raw & 1);
                }
            }
            throw new InvalidRecordException("varint longer than 5 bytes at byte " + (position() - 5)
                    + " of the records section");
        }

        @Override
        long readVarlong() {
            long raw = 0;
            for (int shift = 0; shift <= 63; shift += 7) {
                if (position >= limit) {
                    throw cut(1);
                }
                int b = array[position++];
                raw |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return (raw >>> 1) ^ -(raw & 1);
                }
            }
            throw new InvalidRecordException("varlong longer than 10 bytes at byte " + (position() - 10)
                    + " of the records section");
        }

        @Override
        void skip(int n) {
            if (n > limit - position) {
                throw cut(n);
            }
            position += n;
        }

        @Override
        ByteBuffer read(int n) {
            if (n > limit - position) {
                throw cut(n);
            }
            ByteBuffer view = buffer.slice(position - arrayOffset, n);
            position += n;
            return view;
        }

        @Override
        ByteBuffer readReadOnly(int n) {
            if (n > limit - position) {
                throw cut(n);
            }
            ByteBuffer view = readOnlyBuffer().slice(position - arrayOffset, n);
            position += n;
            return view;
        }

        @Override
        BufferSource readInto(BufferSource body, int n) {
            if (n > limit - position) {
                throw cut(n);
            }
            body.buffer = buffer;
            body.array = array;
            body.arrayOffset = arrayOffset;
            body.readOnly = readOnlyBuffer();
            body.start = position;
            body.position = position;
            body.limit = position + n;
            position += n;
            return body;
        }

        private ByteBuffer readOnlyBuffer() {
            if (readOnly == null) {
                readOnly = buffer.asReadOnlyBuffer();
            }
            return readOnly;
        }

        @Override
        boolean atEnd() {
            return position >= limit;
        }
    }

    /** Over a decompressing stream, through a fixed 8 KiB buffer, counting every inflated byte. */
    static final class StreamSource extends ByteSource {
        private static final int CHUNK = 8 * 1024;
        private final InputStream stream;
        private final long maxBytes;
        private final byte[] chunk = new byte[CHUNK];
        private int chunkPosition;
        private int chunkLimit;
        private long inflated;
        private boolean eof;

        StreamSource(InputStream stream, long maxBytes) {
            this.stream = stream;
            this.maxBytes = maxBytes;
        }

        @Override
        long position() {
            return inflated - (chunkLimit - chunkPosition);
        }

        @Override
        int readByte() {
            if (chunkPosition == chunkLimit && !refill()) {
                throw cut(1);
            }
            return chunk[chunkPosition++] & 0xff;
        }

        @Override
        void skip(int n) {
            int left = n;
            while (left > 0) {
                if (chunkPosition == chunkLimit && !refill()) {
                    throw cut(left);
                }
                int step = Math.min(left, chunkLimit - chunkPosition);
                chunkPosition += step;
                left -= step;
            }
        }

        /** Copies n bytes, growing the copy as bytes arrive so a lying length cannot allocate ahead of them. */
        @Override
        ByteBuffer read(int n) {
            if (n > maxBytes - position()) {
                throw tooLarge(position() + n);
            }
            byte[] bytes = new byte[Math.min(n, CHUNK)];
            int filled = 0;
            while (filled < n) {
                if (chunkPosition == chunkLimit && !refill()) {
                    throw cut(n - filled);
                }
                int step = Math.min(n - filled, chunkLimit - chunkPosition);
                if (filled + step > bytes.length) {
                    bytes = Arrays.copyOf(bytes, (int) Math.min(n, Math.max(filled + step, 2L * bytes.length)));
                }
                System.arraycopy(chunk, chunkPosition, bytes, filled, step);
                chunkPosition += step;
                filled += step;
            }
            return ByteBuffer.wrap(bytes);
        }

        @Override
        boolean atEnd() {
            return chunkPosition == chunkLimit && !refill();
        }

        private boolean refill() {
            if (eof) {
                return false;
            }
            int n;
            try {
                n = stream.read(chunk, 0, CHUNK);
            } catch (IOException | RuntimeException e) {
                throw new CorruptRecordException("compressed records section does not decompress after "
                        + inflated + " bytes: " + e.getMessage(), e);
            }
            if (n <= 0) {
                eof = true;
                return false;
            }
            inflated += n;
            if (inflated > maxBytes) {
                throw tooLarge(inflated);
            }
            chunkPosition = 0;
            chunkLimit = n;
            return true;
        }

        private RecordTooLargeException tooLarge(long bytes) {
            return new RecordTooLargeException("compressed records section inflates past " + maxBytes
                    + " bytes (at least " + bytes + "); the limit is message.max.decompressed.bytes");
        }
    }
}
