package io.ferrymq.common.errors;

/**
 * A record batch (or a buffer of concatenated batches) failed validation: wrong CRC, wrong
 * magic, a cut batch, a length that lies, an offset delta past the record count, a record that
 * does not parse. The message names the problem and, where known, the position.
 *
 * <p>Maps to {@link ErrorCode#CORRUPT_MESSAGE} on the wire; the subclass
 * {@link InvalidRecordException} (a sound header over unsound records) to {@code INVALID_RECORD}.
 */
public class CorruptRecordException extends ApiException {

    public CorruptRecordException(String message) {
        super(ErrorCode.CORRUPT_MESSAGE, message);
    }

    public CorruptRecordException(String message, Throwable cause) {
        super(ErrorCode.CORRUPT_MESSAGE, message, cause);
    }

    /** For the record-level refinements of a corrupt batch that carry their own code. */
    protected CorruptRecordException(ErrorCode error, String message) {
        super(error, message);
    }
}
