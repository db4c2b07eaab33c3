package io.ferrymq.broker.log;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;

/** One append is larger than a whole segment ({@code log.segment.bytes}). Maps to RECORD_LIST_TOO_LARGE. */
public class RecordListTooLargeException extends ApiException {

    public RecordListTooLargeException(String message) {
        super(ErrorCode.RECORD_LIST_TOO_LARGE, message);
    }
}
