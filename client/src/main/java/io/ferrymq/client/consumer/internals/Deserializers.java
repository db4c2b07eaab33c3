package io.ferrymq.client.consumer.internals;

import io.ferrymq.client.common.errors.SerializationException;
import io.ferrymq.client.common.serialization.Deserializer;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A consumer's key and value deserializers, applied to the byte views of a fetched record; a
 * failure names the topic, partition and offset. Thread-safety is that of the deserializers.
 */
public record Deserializers<K, V>(Deserializer<K> key, Deserializer<V> value) {

    K key(String topic, int partition, long offset, Optional<ByteBuffer> bytes) {
        return apply(key, topic, partition, offset, bytes, "key");
    }

    V value(String topic, int partition, long offset, Optional<ByteBuffer> bytes) {
        return apply(value, topic, partition, offset, bytes, "value");
    }

    private static <T> T apply(Deserializer<T> deserializer, String topic, int partition, long offset,
                               Optional<ByteBuffer> bytes, String what) {
        byte[] data = null;
        if (bytes.isPresent()) {
            ByteBuffer view = bytes.get();
            data = new byte[view.remaining()];
            view.get(view.position(), data);
        }
        try {
            return deserializer.deserialize(topic, data);
        } catch (RuntimeException e) {
            throw new SerializationException("Cannot deserialize the " + what + " of the record at offset " + offset
                    + " of " + topic + "-" + partition + ": " + e.getMessage(), e);
        }
    }
}
