package io.ferrymq.broker.server;

/** The server could not start, e.g. a listener's address is in use; the message names the listener. */
public final class ServerStartException extends RuntimeException {

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
