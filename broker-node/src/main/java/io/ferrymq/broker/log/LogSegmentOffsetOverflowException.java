package io.ferrymq.broker.log;

import io.ferrymq.common.errors.CorruptRecordException;

/**
 * An append holds an offset that does not fit a segment's 32-bit relative offset (Kafka's
 * {@code LogSegmentOffsetOverflowException}): its batches claim more offsets than a segment can
 * index, which no honest producer or leader sends. Refused before anything is written; maps to
 * {@code CORRUPT_MESSAGE} on the wire like any other {@link CorruptRecordException}.
 */
public class LogSegmentOffsetOverflowException extends CorruptRecordException {

    public LogSegmentOffsetOverflowException(String message) {
        super(message);
    }
}
