package io.ferrymq.client.record;

import java.nio.ByteBuffer;

/**
 * Zigzag variable-length integers as in protocol buffers and Kafka's record format: 7 bits per
 * byte, high bit set on every byte but the last, sign folded into the low bit. Reads advance the
 * buffer's position and throw {@link CorruptRecordException} on an over-long encoding or when
 * the buffer ends inside a number. Stateless and thread-safe.
 */
final class Varints {

    private Varints() {
    }

    static int readVarint(ByteBuffer buffer) {
        int raw = 0;
        int shift = 0;
        while (true) {
            if (!buffer.hasRemaining()) {
                throw new CorruptRecordException("varint cut short by the end of the batch");
            }
            byte b = buffer.get();
            raw |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
            shift += 7;
            if (shift > 28) {
                throw new CorruptRecordException("varint longer than 5 bytes");
            }
        }
    }

    static long readVarlong(ByteBuffer buffer) {
        long raw = 0;
        int shift = 0;
        while (true) {
            if (!buffer.hasRemaining()) {
                throw new CorruptRecordException("varlong cut short by the end of the batch");
            }
            byte b = buffer.get();
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
            shift += 7;
            if (shift > 63) {
                throw new CorruptRecordException("varlong longer than 10 bytes");
            }
        }
    }

    static void writeVarint(int value, ByteBuffer buffer) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & 0xffffff80) != 0) {
            buffer.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        buffer.put((byte) v);
    }

    static void writeVarlong(long value, ByteBuffer buffer) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & 0xffffffffffffff80L) != 0L) {
            buffer.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        buffer.put((byte) v);
    }

    static int sizeOfVarint(int value) {
        int v = (value << 1) ^ (value >> 31);
        int bytes = 1;
        while ((v & 0xffffff80) != 0) {
            bytes++;
            v >>>= 7;
        }
        return bytes;
    }

    static int sizeOfVarlong(long value) {
        long v = (value << 1) ^ (value >> 63);
        int bytes = 1;
        while ((v & 0xffffffffffffff80L) != 0L) {
            bytes++;
            v >>>= 7;
        }
        return bytes;
    }
}
