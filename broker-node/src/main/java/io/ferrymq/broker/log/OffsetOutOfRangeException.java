package io.ferrymq.broker.log;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;

/** A read asked for an offset below the log start or above the log end. Maps to OFFSET_OUT_OF_RANGE. */
public class OffsetOutOfRangeException extends ApiException {

    public OffsetOutOfRangeException(String message) {
        super(ErrorCode.OFFSET_OUT_OF_RANGE, message);
    }
}
