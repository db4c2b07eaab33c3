package io.ferrymq.common.protocol;

/**
 * A frame that cannot be parsed: a length prefix that is negative or over the limit, a truncated
 * header, a body that does not decode, or record bytes that do not add up. The connection that sent
 * it cannot be trusted to stay in sync and is closed; other connections are unaffected.
 */
public class InvalidFrameException extends RuntimeException {

    public InvalidFrameException(String message) {
        super(message);
    }

    public InvalidFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
