package io.ferrymq.broker.log.producer;

import io.ferrymq.common.record.RecordBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The producer fields of one stored batch header, with the offsets the log gave it. A batch
 * without a producer has {@code producerId} -1 and is ignored by the producer state. Immutable.
 *
 * @param producerId the producer id, -1 for none
 * @param epoch the producer epoch
 * @param firstSeq the base sequence
 * @param lastSeq the last sequence, wrapping past {@link Integer#MAX_VALUE} to 0
 * @param firstOffset the batch's base offset
 * @param lastOffset the batch's last offset
 * @param maxTimestamp the batch's largest timestamp
 */
public record ProducerBatch(long producerId, short epoch, int firstSeq, int lastSeq, long firstOffset,
                            long lastOffset, long maxTimestamp) {

    /** The batch read from header fields: the last sequence runs {@code lastOffsetDelta} past the base one. */
    public static ProducerBatch fromHeader(long producerId, short epoch, int baseSequence, long baseOffset,
                                           int lastOffsetDelta, long maxTimestamp) {
        return new ProducerBatch(producerId, epoch, baseSequence, incrementSequence(baseSequence, lastOffsetDelta),
                baseOffset, baseOffset + lastOffsetDelta, maxTimestamp);
    }

    /**
     * The producer fields of every batch in {@code batches} (position to limit, left unchanged),
     * read from the headers only: batches a validator accepted, with their offsets assigned.
     */
    public static List<ProducerBatch> readAll(ByteBuffer batches) {
        List<ProducerBatch> result = new ArrayList<>();
        for (int p = batches.position(); p < batches.limit();
                p += batches.getInt(p + RecordBatch.LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD) {
            result.add(fromHeader(batches.getLong(p + RecordBatch.PRODUCER_ID_OFFSET),
                    batches.getShort(p + RecordBatch.PRODUCER_EPOCH_OFFSET),
                    batches.getInt(p + RecordBatch.BASE_SEQUENCE_OFFSET), batches.getLong(p),
                    batches.getInt(p + RecordBatch.LAST_OFFSET_DELTA_OFFSET),
                    batches.getLong(p + RecordBatch.MAX_TIMESTAMP_OFFSET)));
        }
        return result;
    }

    /** Kafka's sequence arithmetic: {@code sequence + increment}, wrapping from {@link Integer#MAX_VALUE} to 0. */
    public static int incrementSequence(int sequence, int increment) {
        if (sequence > Integer.MAX_VALUE - increment) {
            return increment - (Integer.MAX_VALUE - sequence) - 1;
        }
        return sequence + increment;
    }

    /** Kafka's sequence arithmetic: {@code sequence - decrement}, wrapping from 0 to {@link Integer#MAX_VALUE}. */
    public static int decrementSequence(int sequence, int decrement) {
        if (sequence < decrement) {
            return Integer.MAX_VALUE - (decrement - sequence) + 1;
        }
        return sequence - decrement;
    }

    public boolean hasProducerId() {
        return producerId >= 0;
    }

    public BatchMetadata metadata() {
        return new BatchMetadata(firstSeq, lastSeq, firstOffset, lastOffset, maxTimestamp);
    }
}
