package io.ferrymq.common.record;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * One record header: a UTF-8 key and an optional value (Kafka allows a null header value,
 * which is distinct from an empty one). Immutable when built from a byte array; a header read
 * from a batch shares the batch's bytes (read-only view).
 */
public record Header(String key, Optional<ByteBuffer> value) {

    public Header {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        value = value.map(ByteBuffer::asReadOnlyBuffer);
    }

    /** A header with the given value; {@code null} means Kafka's null header value. */
    public static Header of(String key, byte[] valueOrNull) {
        return new Header(key, Optional.ofNullable(valueOrNull).map(ByteBuffer::wrap));
    }

    /** A header with a UTF-8 string value. */
    public static Header of(String key, String value) {
        return of(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The value bytes copied into a new array, empty when the value is null. */
    public Optional<byte[]> valueBytes() {
        return value.map(Header::copy);
    }

    static byte[] copy(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
