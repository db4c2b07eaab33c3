package io.ferrymq.client.common.errors;

/** A key or value could not be serialized or deserialized; the message names the topic. */
public class SerializationException extends RuntimeException {

    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
