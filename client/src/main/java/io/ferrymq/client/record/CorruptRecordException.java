package io.ferrymq.client.record;

import io.ferrymq.client.protocol.ApiException;
import io.ferrymq.client.protocol.ErrorCode;

/**
 * A record batch (or a buffer of concatenated batches) failed validation: wrong CRC, wrong
 * magic, a cut batch, a length that lies, an offset delta past the record count, a record that
 * does not parse. The message names the problem and, where known, the position.
 *
 * <p>Maps to {@link ErrorCode#CORRUPT_MESSAGE} on the wire.
 */
public class CorruptRecordException extends ApiException {

    public CorruptRecordException(String message) {
        super(ErrorCode.CORRUPT_MESSAGE, message);
    }

    public CorruptRecordException(String message, Throwable cause) {
        super(ErrorCode.CORRUPT_MESSAGE, message, cause);
    }
}
