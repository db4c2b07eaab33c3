package io.ferrymq.broker.log.recovery;

import io.ferrymq.client.record.CorruptRecordException;
import io.ferrymq.client.record.RecordBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Optional;

/**
 * Reads a segment's {@code .log} from the start and checks each batch: it fits in the file
 * (a torn write leaves a cut batch), its declared length is sane, magic and CRC are right,
 * record count agrees with the last offset delta, and offsets are contiguous from the segment's
 * base offset. It stops at the first batch that fails and reports how many bytes were valid;
 * the caller truncates there. Each valid batch is handed to a {@link BatchVisitor} (to rebuild
 * indexes). Reads in chunks, so memory stays bounded by the largest batch. Not thread-safe.
 */
public final class SegmentScanner {

    private static final int CHUNK = 1 << 20;

    /** Called for each valid batch, in file order. The batch view is only valid during the call. */
    @FunctionalInterface
    public interface BatchVisitor {
        void visit(int position, RecordBatch batch);
    }

    private SegmentScanner() {
    }

    public static ScanResult scan(FileChannel channel, long baseOffset, BatchVisitor visitor) {
        try {
            return scanChecked(channel, baseOffset, visitor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read segment based at " + baseOffset, e);
        }
    }

    private static ScanResult scanChecked(FileChannel channel, long baseOffset, BatchVisitor visitor)
            throws IOException {
        long fileSize = Math.min(channel.size(), Integer.MAX_VALUE);
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(fileSize, RecordBatch.HEADER_SIZE)));
        int position = 0;
        long nextOffset = baseOffset;
        int batches = 0;
        while (position < fileSize) {
            Optional<String> problem = Optional.empty();
            if (fileSize - position < RecordBatch.HEADER_SIZE) {
                problem = Optional.of("cut batch header at position " + position);
            }
            int size = problem.isPresent() ? 0 : readInt(channel, position + 8) + RecordBatch.LOG_OVERHEAD;
            if (problem.isEmpty() && (size < RecordBatch.HEADER_SIZE || size > fileSize - position)) {
                problem = Optional.of("batch at position " + position + " declares " + size + " bytes but "
                        + (fileSize - position) + " remain in the file");
            }
            if (problem.isEmpty()) {
                buffer = read(channel, buffer, position, size);
                problem = check(buffer, position, nextOffset, baseOffset, batches == 0);
            }
            if (problem.isPresent()) {
                return new ScanResult(position, nextOffset, batches, problem);
            }
            RecordBatch batch = RecordBatch.wrap(buffer);
            visitor.visit(position, batch);
            nextOffset = batch.nextOffset();
            position += size;
            batches++;
        }
        return new ScanResult(position, nextOffset, batches, Optional.empty());
    }

    private static Optional<String> check(ByteBuffer buffer, int position, long expectedOffset, long baseOffset,
                                          boolean first) {
        RecordBatch batch = RecordBatch.wrap(buffer);
        try {
            batch.ensureValid();
        } catch (CorruptRecordException e) {
            return Optional.of("batch at position " + position + ": " + e.getMessage());
        }
        boolean inOrder = first ? batch.baseOffset() >= baseOffset : batch.baseOffset() == expectedOffset;
        if (!inOrder || batch.lastOffset() - baseOffset > Integer.MAX_VALUE) {
            return Optional.of("batch at position " + position + " has base offset " + batch.baseOffset()
                    + " where " + expectedOffset + " was expected");
        }
        return Optional.empty();
    }

    private static ByteBuffer read(FileChannel channel, ByteBuffer buffer, int position, int size)
            throws IOException {
        ByteBuffer target = size <= buffer.capacity() ? buffer : ByteBuffer.allocate(size);
        target.clear().limit(size);
        while (target.hasRemaining()) {
            if (channel.read(target, position + target.position()) < 0) {
                throw new IOException("segment shrank during recovery at position " + position);
            }
        }
        return target.flip();
    }

    private static int readInt(FileChannel channel, long position) throws IOException {
        ByteBuffer four = ByteBuffer.allocate(4);
        while (four.hasRemaining()) {
            if (channel.read(four, position + four.position()) < 0) {
                throw new IOException("segment shrank during recovery at position " + position);
            }
        }
        return four.getInt(0);
    }
}
