package io.ferrymq.common.errors;

/**
 * A record batch is larger than allowed ({@code message.max.bytes} on the broker,
 * {@code max.request.size} on a producer). Maps to {@link ErrorCode#MESSAGE_TOO_LARGE}.
 */
public class RecordTooLargeException extends ApiException {

    public RecordTooLargeException(String message) {
        super(ErrorCode.MESSAGE_TOO_LARGE, message);
    }
}
