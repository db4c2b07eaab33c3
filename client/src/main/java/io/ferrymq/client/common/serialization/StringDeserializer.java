package io.ferrymq.client.common.serialization;

import java.nio.charset.StandardCharsets;

/** Deserializer for UTF-8 encoding of strings. Stateless and thread-safe. */
public final class StringDeserializer implements Deserializer<String> {

    @Override
    public String deserialize(String topic, byte[] data) {
        return data == null ? null : new String(data, StandardCharsets.UTF_8);
    }
}
