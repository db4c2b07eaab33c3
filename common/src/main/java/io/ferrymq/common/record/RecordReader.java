package io.ferrymq.common.record;

import io.ferrymq.common.errors.InvalidRecordException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses the records of one batch from a {@link ByteSource}, checking every field as Kafka's
 * {@code DefaultRecord.readFrom} and {@code LogValidator} do: the record length is non-negative and
 * exactly covers its fields, the offset delta equals the record's index, key and value lengths are
 * -1 or fit in the record, the header count is non-negative and the headers fit, header keys are
 * non-null. {@link #skip} checks without materializing anything (the broker's validation: no
 * allocation per record); {@link #read} returns the record with key, value and headers as views over
 * the source's bytes (uncompressed) or over one copy of this record's bytes (compressed).
 * Every failure is an {@link InvalidRecordException} naming the record. One reader walks one batch
 * and re-points one body source at each record's bytes (over bytes in memory without a view of
 * them), so reading allocates only the record and its key, value and header views. Not
 * thread-safe.
 *
 * <p>On the wire: {@code length varint, attributes int8, timestampDelta varlong, offsetDelta varint,
 * keyLength varint (-1 = null), key, valueLength varint (-1 = null), value, headerCount varint, then
 * per header keyLength varint, key UTF-8, valueLength varint (-1 = null), value}.
 */
final class RecordReader {

    private final ByteSource source;
    private final long baseOffset;
    private final long baseTimestamp;
    private final long fixedTimestamp;
    private final ByteSource.BufferSource body = new ByteSource.BufferSource(ByteBuffer.allocate(0));

    /**
     * @param fixedTimestamp the batch's max timestamp when its type is log-append time, else -1
     */
    RecordReader(ByteSource source, long baseOffset, long baseTimestamp, long fixedTimestamp) {
        this.source = source;
        this.baseOffset = baseOffset;
        this.baseTimestamp = baseTimestamp;
        this.fixedTimestamp = fixedTimestamp;
    }

    /** Checks record {@code index} and returns its create time (the base timestamp plus its delta). */
    long skip(int index) {
        int length = readLength(source, index);
        long start = source.position();
        source.readByte();
        long timestamp = baseTimestamp + source.readVarlong();
        checkOffsetDelta(index, source.readVarint());
        skipBytes(source, index, "key", start, length);
        skipBytes(source, index, "value", start, length);
        int headers = readHeaderCount(source, index, start, length);
        for (int i = 0; i < headers; i++) {
            source.skip(readLength(source, index, "header key", start, length, false));
            skipBytes(source, index, "header value", start, length);
        }
        checkConsumed(source, index, start, length);
        return timestamp;
    }

    /** Reads record {@code index}, checked as {@link #skip} does. */
    Record read(int index) {
        int length = readLength(source, index);
        ByteSource in = source.readInto(body, length);
        in.readByte();
        long timestamp = baseTimestamp + in.readVarlong();
        checkOffsetDelta(index, in.readVarint());
        Optional<ByteBuffer> key = readBytes(in, index, "key", length);
        Optional<ByteBuffer> value = readBytes(in, index, "value", length);
        List<Header> headers = readHeaders(in, index, length);
        checkConsumed(in, index, 0, length);
        return new Record(baseOffset + index, fixedTimestamp >= 0 ? fixedTimestamp : timestamp, key, value, headers);
    }

    private static int readLength(ByteSource in, int index) {
        int length = in.readVarint();
        if (length < 0) {
            throw new InvalidRecordException("record " + index + " declares negative length " + length);
        }
        return length;
    }

    private static void checkOffsetDelta(int index, int offsetDelta) {
        if (offsetDelta != index) {
            throw new InvalidRecordException("record " + index + " has offset delta " + offsetDelta
                    + "; offset deltas must run 0, 1, 2, ... in order");
        }
    }

    private static void skipBytes(ByteSource in, int index, String what, long start, int recordLength) {
        int length = readLength(in, index, what, start, recordLength, true);
        if (length > 0) {
            in.skip(length);
        }
    }

    private static Optional<ByteBuffer> readBytes(ByteSource in, int index, String what, int recordLength) {
        int length = readLength(in, index, what, 0, recordLength, true);
        return length < 0 ? Optional.empty() : Optional.of(in.readReadOnly(length));
    }

    private static List<Header> readHeaders(ByteSource in, int index, int recordLength) {
        int count = readHeaderCount(in, index, 0, recordLength);
        if (count == 0) {
            return List.of();
        }
        List<Header> headers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int keyLength = readLength(in, index, "header key", 0, recordLength, false);
            String headerKey = StandardCharsets.UTF_8.decode(in.read(keyLength)).toString();
            headers.add(new Header(headerKey, readBytes(in, index, "header value", recordLength)));
        }
        return headers;
    }

    /** A length field: -1 (null, when allowed) or a count of bytes that fits in what is left of the record. */
    private static int readLength(ByteSource in, int index, String what, long start, int recordLength,
                                  boolean nullable) {
        int length = in.readVarint();
        long left = recordLength - (in.position() - start);
        if (length < (nullable ? -1 : 0) || length > left) {
            throw new InvalidRecordException("record " + index + " has " + what + " length " + length + " with "
                    + left + " bytes left in the record");
        }
        return length;
    }

    private static int readHeaderCount(ByteSource in, int index, long start, int recordLength) {
        int count = in.readVarint();
        long left = recordLength - (in.position() - start);
        if (count < 0 || count > left / 2) {
            throw new InvalidRecordException("record " + index + " has header count " + count + " with " + left
                    + " bytes left in the record");
        }
        return count;
    }

    private static void checkConsumed(ByteSource in, int index, long start, int recordLength) {
        long used = in.position() - start;
        if (used != recordLength) {
            throw new InvalidRecordException("record " + index + " declares length " + recordLength
                    + " but its fields take " + used + " bytes");
        }
    }
}
