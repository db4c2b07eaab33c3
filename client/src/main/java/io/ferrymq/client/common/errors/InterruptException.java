package io.ferrymq.client.common.errors;

/**
 * Unchecked wrapper for an {@link InterruptedException} caught while a client call was blocked.
 * Constructing it re-sets the calling thread's interrupt flag, so the interruption is not lost.
 */
public class InterruptException extends RuntimeException {

    public InterruptException(String message, InterruptedException cause) {
        super(message, cause);
        Thread.currentThread().interrupt();
    }
}
