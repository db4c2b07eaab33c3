package io.ferrymq.client.common.errors;

/**
 * A client operation did not complete within its time bound ({@code max.block.ms},
 * {@code delivery.timeout.ms}, {@code request.timeout.ms} or the caller's own timeout). The message
 * names the operation, and the topic and partition where one applies.
 */
public class TimeoutException extends RuntimeException {

    public TimeoutException(String message) {
        super(message);
    }

    public TimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
