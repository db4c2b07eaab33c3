package io.ferrymq.client.record;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One record read from a batch: its absolute offset and timestamp, an optional key and value
 * (absent is Kafka's null, distinct from empty) and its headers. Key, value and header values
 * are read-only views over the batch's bytes (no copy), so a record is valid as long as the
 * buffer it came from is not reused. Immutable; thread-safe as long as that buffer is unchanged.
 *
 * <p>On the wire (inside a v2 batch): {@code length varint, attributes int8, timestampDelta
 * varlong, offsetDelta varint, keyLength varint (-1 = null), key, valueLength varint (-1 = null),
 * value, headerCount varint, then per header keyLength varint, key UTF-8, valueLength varint
 * (-1 = null), value}.
 */
public record Record(long offset, long timestamp, Optional<ByteBuffer> key, Optional<ByteBuffer> value,
                     List<Header> headers) {

    public Record {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        headers = List.copyOf(headers);
    }

    /** The key bytes copied into a new array, empty when the key is null. */
    public Optional<byte[]> keyBytes() {
        return key.map(Header::copy);
    }

    /** The value bytes copied into a new array, empty when the value is null (a tombstone). */
    public Optional<byte[]> valueBytes() {
        return value.map(Header::copy);
    }

    /**
     * Reads the record at the buffer's position (advancing it past the record).
     *
     * @param expectedOffsetDelta the record's index in the batch; a different offset delta is corrupt
     * @param fixedTimestamp the batch's max timestamp when its type is log-append time, else -1
     */
    static Record readFrom(ByteBuffer buffer, long baseOffset, long baseTimestamp, int expectedOffsetDelta,
                           long fixedTimestamp) {
        int length = Varints.readVarint(buffer);
        if (length < 0 || length > buffer.remaining()) {
            throw new CorruptRecordException("record " + expectedOffsetDelta + " declares length " + length
                    + " but only " + buffer.remaining() + " bytes remain in the batch");
        }
        int end = buffer.position() + length;
        ByteBuffer body = buffer.slice(buffer.position(), length);
        buffer.position(end);
        body.get(); // attributes: unused in v2
        long timestamp = baseTimestamp + Varints.readVarlong(body);
        int offsetDelta = Varints.readVarint(body);
        if (offsetDelta != expectedOffsetDelta) {
            throw new CorruptRecordException("record " + expectedOffsetDelta + " has offset delta " + offsetDelta);
        }
        Optional<ByteBuffer> key = readBytes(body, "key");
        Optional<ByteBuffer> value = readBytes(body, "value");
        List<Header> headers = readHeaders(body);
        if (body.hasRemaining()) {
            throw new CorruptRecordException("record " + expectedOffsetDelta + " has " + body.remaining()
                    + " bytes past its last header");
        }
        return new Record(baseOffset + offsetDelta, fixedTimestamp >= 0 ? fixedTimestamp : timestamp,
                key, value, headers);
    }

    private static List<Header> readHeaders(ByteBuffer body) {
        int count = Varints.readVarint(body);
        if (count < 0 || count > body.remaining()) {
            throw new CorruptRecordException("invalid header count " + count);
        }
        if (count == 0) {
            return List.of();
        }
        List<Header> headers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int keyLength = Varints.readVarint(body);
            if (keyLength < 0 || keyLength > body.remaining()) {
                throw new CorruptRecordException("invalid header key length " + keyLength);
            }
            String headerKey = new String(readArray(body, keyLength), StandardCharsets.UTF_8);
            headers.add(new Header(headerKey, readBytes(body, "header value")));
        }
        return headers;
    }

    private static byte[] readArray(ByteBuffer body, int length) {
        byte[] bytes = new byte[length];
        body.get(bytes);
        return bytes;
    }

    private static Optional<ByteBuffer> readBytes(ByteBuffer body, String what) {
        int length = Varints.readVarint(body);
        if (length < 0) {
            if (length != -1) {
                throw new CorruptRecordException("invalid " + what + " length " + length);
            }
            return Optional.empty();
        }
        if (length > body.remaining()) {
            throw new CorruptRecordException(what + " length " + length + " exceeds the "
                    + body.remaining() + " bytes left in the record");
        }
        ByteBuffer bytes = body.slice(body.position(), length).asReadOnlyBuffer();
        body.position(body.position() + length);
        return Optional.of(bytes);
    }
}
