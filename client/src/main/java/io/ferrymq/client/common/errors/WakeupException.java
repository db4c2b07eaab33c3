package io.ferrymq.client.common.errors;

/**
 * Thrown from a blocking consumer call after another thread called {@code wakeup()}; the consumer
 * stays usable.
 */
public class WakeupException extends RuntimeException {

    public WakeupException() {
        super("The consumer was woken up by wakeup()");
    }
}
