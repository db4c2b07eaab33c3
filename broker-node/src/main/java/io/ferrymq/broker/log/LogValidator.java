package io.ferrymq.broker.log;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.CorruptRecordException;
import io.ferrymq.common.errors.InvalidRecordException;
import io.ferrymq.common.record.RecordBatch;
import io.ferrymq.common.record.RecordBatchValidator;
import io.ferrymq.common.record.RecordBatches;
import io.ferrymq.common.errors.RecordTooLargeException;
import java.nio.ByteBuffer;

/**
 * Validates the batches of one append before anything reaches the log. Checks the bounds and
 * declared lengths of every batch, and for a leader append the size limit and the whole append
 * fitting in one segment, then per batch: for a leader append (bytes from a client) every byte, record by record, with
 * compressed records inflated as a capped stream ({@link RecordBatchValidator}); for a follower
 * append (bytes the leader already validated) the header and CRC only, as Kafka's followers do, so a
 * compressed batch is inflated once, on the leader, and contiguous offsets. Nothing is allocated per
 * record. Pure and thread-safe.
 */
final class LogValidator {

    /** What validation learnt about an append. */
    record Summary(int batches, int records, int sizeInBytes, long firstBaseOffset, long lastOffset) {
    }

    /** Limits for one append. */
    record Limits(int maxBatchBytes, int segmentBytes, long maxDecompressedBytes) {

        /** A leader's: {@code message.max.bytes}, the segment size, {@code message.max.decompressed.bytes}. */
        static Limits leader(LogConfig config) {
            return new Limits(config.messageMaxBytes(), config.segmentBytes(), config.messageMaxDecompressedBytes());
        }

        /**
         * A follower's: no size limit, records not inflated. The leader checked the sizes against the
         * topic's limits when it accepted the batches; those limits may have shrunk since (a live
         * {@code segment.bytes} or {@code max.message.bytes} change), and a follower that refused
         * committed bytes could never catch up.
         */
        static Limits follower() {
            return new Limits(Integer.MAX_VALUE, Integer.MAX_VALUE, 0L);
        }
    }

    private LogValidator() {
    }

    /** Validates a leader append (client bytes, every record checked). */
    static Summary validateLeaderAppend(ByteBuffer batches, LogConfig config) {
        return validate(batches, Limits.leader(config), false);
    }

    /** Validates a follower append (headers and CRCs, offsets running on from batch to batch). */
    static Summary validateFollowerAppend(ByteBuffer batches) {
        return validate(batches, Limits.follower(), true);
    }

    private static Summary validate(ByteBuffer batches, Limits limits, boolean follower) {
        int start = batches.position();
        int limit = batches.limit();
        if (limit == start) {
            throw new CorruptRecordException("append holds no record batches (0 bytes)");
        }
        if (limit - start > limits.segmentBytes()) {
            throw new RecordListTooLargeException("append of " + (limit - start) + " bytes exceeds the segment size "
                    + limits.segmentBytes() + " (log.segment.bytes)");
        }
        int count = 0;
        int records = 0;
        long firstBase = -1L;
        long expected = -1L;
        for (int position = start; position < limit; ) {
            int size = RecordBatches.checkedSizeAt(batches, position, limit);
            RecordBatch batch = RecordBatch.wrap(batches.duplicate().position(position));
            validateBatch(batch, position - start, limits, follower);
            if (follower && count > 0 && batch.baseOffset() < expected) {
                throw new CorruptRecordException("batch " + count + " starts at offset " + batch.baseOffset()
                        + " but the previous batch ended before " + expected + " (gaps a cleaned log has are allowed)");
            }
            firstBase = count == 0 ? batch.baseOffset() : firstBase;
            expected = batch.nextOffset();
            records += batch.recordCount();
            count++;
            position += size;
        }
        return new Summary(count, records, limit - start, firstBase, expected - 1);
    }

    private static void validateBatch(RecordBatch batch, int position, Limits limits, boolean follower) {
        if (batch.sizeInBytes() > limits.maxBatchBytes()) {
            throw new RecordTooLargeException("batch at position " + position + " is " + batch.sizeInBytes()
                    + " bytes, above the limit of " + limits.maxBatchBytes()
                    + " (message.max.bytes, or the topic's max.message.bytes)");
        }
        try {
            if (follower) {
                batch.ensureValid();
            } else {
                RecordBatchValidator.validate(batch, limits.maxDecompressedBytes());
            }
        } catch (ApiException e) {
            throw withPosition(e, position);
        }
    }

    /** The same refusal, its message prefixed with the batch's position in the append. */
    private static ApiException withPosition(ApiException e, int position) {
        String message = "batch at position " + position + ": " + e.getMessage();
        return switch (e.error()) {
            case INVALID_RECORD -> new InvalidRecordException(message);
            case MESSAGE_TOO_LARGE -> new RecordTooLargeException(message);
            case CORRUPT_MESSAGE -> new CorruptRecordException(message, e);
            default -> e;
        };
    }
}
