package io.ferrymq.common.errors;

/**
 * A batch whose header and CRC are sound holds records that are not: a record count the records
 * section does not back, an offset delta out of order, a length that does not add up, a varint out
 * of range, a timestamp that contradicts the header, producer fields that contradict each other, a
 * control or transactional batch from a client. The message names the record and what was wrong.
 *
 * <p>Maps to {@link ErrorCode#INVALID_RECORD} on the wire, as Kafka's {@code InvalidRecordException};
 * a {@link CorruptRecordException}, so readers that refuse any bad batch catch one type.
 */
public class InvalidRecordException extends CorruptRecordException {

    public InvalidRecordException(String message) {
        super(ErrorCode.INVALID_RECORD, message);
    }
}
