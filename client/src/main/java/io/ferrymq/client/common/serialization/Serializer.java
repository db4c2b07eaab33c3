package io.ferrymq.client.common.serialization;

/**
 * Turns a key or value object into bytes for a topic; {@code null} stays {@code null} (a null key
 * means "no key", a null value a tombstone).
 *
 * <p>Implementations must be thread-safe: producers call them from every sending thread.
 */
@FunctionalInterface
public interface Serializer<T> {

    byte[] serialize(String topic, T data);
}
