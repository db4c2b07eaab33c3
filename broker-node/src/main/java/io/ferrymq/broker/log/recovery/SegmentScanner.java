package io.ferrymq.broker.log.recovery;

import io.ferrymq.common.record.RecordBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Reads a segment's {@code .log} from the start and checks each batch: it fits in the file
 * (a torn write leaves a cut batch), its declared length is sane, magic and CRC32C are right,
 * the record count agrees with the last offset delta, offsets run on contiguously from the
 * segment's base offset and fit a 32-bit offset relative to it. It stops at the first batch that
 * fails and reports how many bytes were valid; the caller truncates there. Each valid batch's
 * header is handed to a {@link BatchVisitor} (to rebuild indexes).
 *
 * <p>Memory is bounded whatever the file holds: the file is read sequentially through one buffer
 * of at most {@value #CHUNK} bytes and the CRC is computed chunk by chunk, so a length field,
 * however large, never decides an allocation. Throws only {@link UncheckedIOException}, when the
 * file cannot be read. Not thread-safe: one scan per instance, made by {@link #scan}.
 */
public final class SegmentScanner {

    static final int CHUNK = 64 * 1024;

    /** Called for each valid batch, in file order, with its header fields. */
    @FunctionalInterface
    public interface BatchVisitor {
        void visit(int position, long lastOffset, long maxTimestamp, int sizeInBytes);
    }

    private final FileChannel channel;
    private final long baseOffset;
    private final long fileSize;
    private final ByteBuffer chunk;
    private final ByteBuffer header = ByteBuffer.allocate(RecordBatch.HEADER_SIZE);
    private final CRC32C crc = new CRC32C();
    private long chunkStart = -1L;

    private SegmentScanner(FileChannel channel, long baseOffset) throws IOException {
        this.channel = channel;
        this.baseOffset = baseOffset;
        this.fileSize = Math.min(channel.size(), Integer.MAX_VALUE);
        this.chunk = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(fileSize, RecordBatch.HEADER_SIZE)));
        chunk.limit(0);
    }

    public static ScanResult scan(FileChannel channel, long baseOffset, BatchVisitor visitor) {
        try {
            return new SegmentScanner(channel, baseOffset).run(visitor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read segment based at " + baseOffset, e);
        }
    }

    private ScanResult run(BatchVisitor visitor) throws IOException {
        int position = 0;
        long nextOffset = baseOffset;
        int batches = 0;
        while (position < fileSize) {
            Optional<String> problem = check(position, nextOffset, batches == 0);
            if (problem.isPresent()) {
                return new ScanResult(position, nextOffset, batches, problem);
            }
            int size = header.getInt(RecordBatch.LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD;
            long lastOffset = header.getLong(0) + header.getInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET);
            visitor.visit(position, lastOffset, header.getLong(RecordBatch.MAX_TIMESTAMP_OFFSET), size);
            nextOffset = lastOffset + 1;
            position += size;
            batches++;
        }
        return new ScanResult(position, nextOffset, batches, Optional.empty());
    }

    /** Loads the header at {@code position} and checks the batch; why it is not valid, if it is not. */
    private Optional<String> check(int position, long expectedOffset, boolean first) throws IOException {
        if (fileSize - position < RecordBatch.HEADER_SIZE) {
            return Optional.of("cut batch header at position " + position);
        }
        header.put(0, chunk, window(position, RecordBatch.HEADER_SIZE), RecordBatch.HEADER_SIZE);
        long size = (long) header.getInt(RecordBatch.LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD;
        if (size < RecordBatch.HEADER_SIZE || size > fileSize - position) {
            return Optional.of("batch at position " + position + " declares " + size + " bytes but "
                    + (fileSize - position) + " remain in the file");
        }
        Optional<String> problem = checkHeader(position, expectedOffset, first);
        if (problem.isPresent()) {
            return problem;
        }
        long stored = header.getInt(RecordBatch.CRC_OFFSET) & 0xffffffffL;
        long computed = crcOf(position + RecordBatch.ATTRIBUTES_OFFSET, (int) size - RecordBatch.ATTRIBUTES_OFFSET);
        return computed == stored ? Optional.empty() : Optional.of("batch at position " + position + " has CRC "
                + stored + " but its bytes compute to " + computed);
    }

    /**
     * {@code RecordBatch.ensureValid}'s header rules, then offsets in order (gaps allowed: the log cleaner
     * leaves them) and within the segment.
     */
    private Optional<String> checkHeader(int position, long expectedOffset, boolean first) {
        byte magic = header.get(RecordBatch.MAGIC_OFFSET);
        int count = header.getInt(RecordBatch.RECORD_COUNT_OFFSET);
        int delta = header.getInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET);
        long base = header.getLong(0);
        String at = "batch at position " + position;
        if (magic != RecordBatch.MAGIC) {
            return Optional.of(at + " has magic " + magic);
        }
        if (count < 0 || delta < 0 || (count > 0 && delta < count - 1)) {
            return Optional.of(at + " has last offset delta " + delta + " but " + count + " records");
        }
        boolean inOrder = first ? base >= baseOffset : base >= expectedOffset;
        if (!inOrder || base - baseOffset > Integer.MAX_VALUE - (long) delta) {
            return Optional.of(at + " has base offset " + base + " and last offset delta " + delta + " where "
                    + expectedOffset + " was expected in the segment based at " + baseOffset);
        }
        return Optional.empty();
    }

    private long crcOf(long from, int length) throws IOException {
        crc.reset();
        long end = from + length;
        for (long p = from; p < end; ) {
            int n = (int) Math.min(chunk.capacity(), end - p);
            crc.update(chunk.array(), window(p, n), n);
            p += n;
        }
        return crc.getValue();
    }

    /** Makes file bytes {@code [p, p + n)} ({@code n <= CHUNK}) present in the chunk; returns their index there. */
    private int window(long p, int n) throws IOException {
        if (p < chunkStart || p + n > chunkStart + chunk.limit()) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), fileSize - p));
            while (chunk.hasRemaining()) {
                if (channel.read(chunk, p + chunk.position()) < 0) {
                    throw new IOException("segment shrank during recovery at position " + p);
                }
            }
            chunk.flip();
            chunkStart = p;
        }
        return (int) (p - chunkStart);
    }
}
