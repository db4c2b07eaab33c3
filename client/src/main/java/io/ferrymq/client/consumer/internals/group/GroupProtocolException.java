package io.ferrymq.client.consumer.internals.group;

/** Subscription or assignment bytes that cannot be decoded; the message names what was wrong. */
public class GroupProtocolException extends RuntimeException {

    public GroupProtocolException(String message) {
        super(message);
    }
}
