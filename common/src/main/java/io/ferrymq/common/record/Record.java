package io.ferrymq.common.record;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One record read from a batch: its absolute offset and timestamp, an optional key and value
 * (absent is Kafka's null, distinct from empty) and its headers. Key, value and header values
 * are read-only views over the batch's bytes (no copy), so a record is valid as long as the
 * buffer it came from is not reused. Immutable; thread-safe as long as that buffer is unchanged.
 * Read and checked by {@link RecordReader}, which documents the wire layout.
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
}
