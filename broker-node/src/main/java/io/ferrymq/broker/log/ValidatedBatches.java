package io.ferrymq.broker.log;

import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.RecordBatch;
import io.ferrymq.common.record.RecordBatchBuilder;
import io.ferrymq.common.record.RecordBatches;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A leader append whose every byte passed validation ({@link LogValidator}), in the topic's codec:
 * the proof {@link PartitionLog#appendAsLeader(ValidatedBatches, int)} asks for, so the costly part
 * of an append (walking every record, inflating compressed ones, recompressing) runs before any
 * lock is taken, by the request thread that received the bytes. Only {@link #validate} makes one.
 *
 * <p>Holds the bytes to append (the caller's buffer, or a copy when it was read-only or recompressed);
 * the append rewrites their offsets and epochs, so one instance is appended once. Not thread-safe.
 */
public final class ValidatedBatches {

    private final ByteBuffer buffer;
    private final LogValidator.Summary summary;

    private ValidatedBatches(ByteBuffer buffer, LogValidator.Summary summary) {
        this.buffer = buffer;
        this.summary = summary;
    }

    /**
     * Validates a producer's batches against the log's limits and, when the topic names a codec
     * ({@code compression.type} other than {@code producer}), recompresses every batch in another one.
     *
     * @param topicCodec empty to keep the producer's codec
     * @throws io.ferrymq.common.errors.CorruptRecordException cut, lying or corrupt batches
     * @throws io.ferrymq.common.errors.InvalidRecordException records that do not parse or lie, or a record
     *     without a key for a compacted log (Kafka's "Compacted topic cannot accept message without key")
     * @throws io.ferrymq.common.errors.RecordTooLargeException above message.max.bytes or the inflation cap
     * @throws RecordListTooLargeException an append larger than a segment
     */
    public static ValidatedBatches validate(ByteBuffer batches, LogConfig config, Optional<CompressionType> topicCodec) {
        ByteBuffer buffer = batches.isReadOnly() ? copyOf(batches) : batches.duplicate();
        LogValidator.Summary summary = LogValidator.validateLeaderAppend(buffer, config);
        if (config.cleanup().compact()) {
            requireKeys(buffer);
        }
        if (topicCodec.isEmpty() || allIn(buffer, topicCodec.get())) {
            return new ValidatedBatches(buffer, summary);
        }
        ByteBuffer converted = recompress(buffer, topicCodec.get());
        return new ValidatedBatches(converted, LogValidator.validateLeaderAppend(converted.duplicate(), config));
    }

    /** The bytes to append (position to limit); an append rewrites their offsets and epochs in place. */
    public ByteBuffer buffer() {
        return buffer.duplicate();
    }

    LogValidator.Summary summary() {
        return summary;
    }

    private static void requireKeys(ByteBuffer buffer) {
        for (RecordBatch batch : RecordBatches.wrap(buffer)) {
            for (io.ferrymq.common.record.Record record : batch) {
                if (record.key().isEmpty()) {
                    throw new io.ferrymq.common.errors.InvalidRecordException("Compacted topic cannot accept message"
                            + " without key (record at offset delta " + (record.offset() - batch.baseOffset()) + ")");
                }
            }
        }
    }

    private static boolean allIn(ByteBuffer buffer, CompressionType codec) {
        for (RecordBatch batch : RecordBatches.wrap(buffer)) {
            if (batch.compression() != codec) {
                return false;
            }
        }
        return true;
    }

    private static ByteBuffer recompress(ByteBuffer buffer, CompressionType codec) {
        java.util.List<ByteBuffer> parts = new java.util.ArrayList<>();
        int size = 0;
        for (RecordBatch batch : RecordBatches.wrap(buffer)) {
            ByteBuffer part = batch.compression() == codec ? batch.buffer() : RecordBatchBuilder.recompress(batch, codec);
            parts.add(part);
            size += part.remaining();
        }
        ByteBuffer all = ByteBuffer.allocate(size);
        parts.forEach(all::put);
        return all.flip();
    }

    private static ByteBuffer copyOf(ByteBuffer readOnly) {
        ByteBuffer copy = ByteBuffer.allocate(readOnly.remaining());
        copy.put(readOnly.duplicate()).flip();
        return copy;
    }
}
