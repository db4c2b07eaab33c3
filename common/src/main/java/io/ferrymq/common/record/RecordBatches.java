package io.ferrymq.common.record;

import io.ferrymq.common.errors.CorruptRecordException;
import io.ferrymq.common.errors.RecordTooLargeException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A buffer of concatenated record batches (a produce request's payload, a fetch response, a
 * slice of a segment): bounds-checked iteration and validation. Iteration throws
 * {@link CorruptRecordException} at a cut batch (fewer bytes than the header or the declared
 * length) or a lying length (below the v2 header size). The wrapped bytes are not copied;
 * the caller's buffer position and limit are never moved. Not thread-safe if the bytes change.
 */
public final class RecordBatches implements Iterable<RecordBatch> {

    private final ByteBuffer buffer;

    private RecordBatches(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    /** Wraps the bytes from the buffer's position to its limit. */
    public static RecordBatches wrap(ByteBuffer buffer) {
        return new RecordBatches(buffer.slice());
    }

    public int sizeInBytes() {
        return buffer.limit();
    }

    /** A duplicate of the wrapped bytes (position 0). */
    public ByteBuffer buffer() {
        return buffer.duplicate();
    }

    @Override
    public Iterator<RecordBatch> iterator() {
        return new BatchIterator();
    }

    /**
     * Validates every batch ({@link RecordBatch#ensureValid()}), refusing any larger than
     * {@code maxBatchBytes}, and returns the number of batches.
     *
     * @throws CorruptRecordException for a cut, lying or corrupt batch, or an empty buffer
     * @throws RecordTooLargeException for a batch above {@code maxBatchBytes}
     */
    public int ensureValid(int maxBatchBytes) {
        if (buffer.limit() == 0) {
            throw new CorruptRecordException("no record batches (0 bytes)");
        }
        int batches = 0;
        for (RecordBatch batch : this) {
            if (batch.sizeInBytes() > maxBatchBytes) {
                throw new RecordTooLargeException("batch at offset " + batch.baseOffset() + " is "
                        + batch.sizeInBytes() + " bytes, above the limit of " + maxBatchBytes);
            }
            batch.ensureValid();
            batches++;
        }
        return batches;
    }

    /** Every record of every batch, decoded (tests, tools and consumers). */
    public List<Record> records() {
        List<Record> records = new ArrayList<>();
        for (RecordBatch batch : this) {
            batch.forEach(records::add);
        }
        return records;
    }

    /**
     * The size of the batch starting at {@code position}, checked to fit before {@code limit}.
     *
     * @throws CorruptRecordException naming the position for a cut batch or a lying length
     */
    public static int checkedSizeAt(ByteBuffer buffer, int position, int limit) {
        int remaining = limit - position;
        if (remaining < RecordBatch.LOG_OVERHEAD) {
            throw new CorruptRecordException("batch at position " + position + " is cut: only " + remaining
                    + " bytes where the 12-byte offset and length are expected");
        }
        int length = buffer.getInt(position + RecordBatch.LENGTH_OFFSET);
        if (length < RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD) {
            throw new CorruptRecordException("batch at position " + position + " declares length " + length
                    + ", below the minimum v2 batch length " + (RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD));
        }
        if (length > remaining - RecordBatch.LOG_OVERHEAD) {
            throw new CorruptRecordException("batch at position " + position + " declares length " + length
                    + " but only " + (remaining - RecordBatch.LOG_OVERHEAD) + " bytes follow (cut batch)");
        }
        return RecordBatch.LOG_OVERHEAD + length;
    }

    private final class BatchIterator implements Iterator<RecordBatch> {
        private int position;

        @Override
        public boolean hasNext() {
            return position < buffer.limit();
        }

        @Override
        public RecordBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int size = checkedSizeAt(buffer, position, buffer.limit());
            RecordBatch batch = RecordBatch.wrap(buffer.slice(position, size));
            position += size;
            return batch;
        }
    }
}
