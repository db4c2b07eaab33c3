package io.ferrymq.client.common.serialization;

/** Deserializer for byte arrays passed through without copying. Stateless and thread-safe. */
public final class ByteArrayDeserializer implements Deserializer<byte[]> {

    @Override
    public byte[] deserialize(String topic, byte[] data) {
        return data;
    }
}
