package io.ferrymq.client.common.serialization;

/**
 * Turns the bytes of a key or value read from a topic back into an object; {@code null} stays
 * {@code null}. Called only from the consumer's thread.
 */
@FunctionalInterface
public interface Deserializer<T> {

    T deserialize(String topic, byte[] data);
}
