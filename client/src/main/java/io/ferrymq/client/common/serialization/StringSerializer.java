package io.ferrymq.client.common.serialization;

import java.nio.charset.StandardCharsets;

/** Serializer for UTF-8 encoding of strings. Stateless and thread-safe. */
public final class StringSerializer implements Serializer<String> {

    @Override
    public byte[] serialize(String topic, String data) {
        return data == null ? null : data.getBytes(StandardCharsets.UTF_8);
    }
}
