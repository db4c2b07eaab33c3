package io.ferrymq.common.protocol.kryo;

import java.nio.ByteBuffer;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * One edit of an encoded frame, the way a broken or hostile peer would change it: a flipped bit, a
 * cut, inserted or deleted bytes, a varint or int32 overwritten with a length far past the frame
 * (where a collection size, string length, body length or record count was), or a random API key and
 * version in a request header. Positions are taken modulo the frame's length, so every mutation
 * applies to every frame and shrinks towards position 0. Immutable.
 */
sealed interface FrameMutation {

    /** Lengths that overflow, go negative, or exceed every cap and the frame itself. */
    int[] HOSTILE_LENGTHS = {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, -2, 1 << 20, (1 << 20) + 1, 1 << 30,
        Integer.MAX_VALUE - 8, 0x10000, 0x7fff};

    byte[] apply(byte[] frame);

    /** Any mutation, with positions up to {@code 4096} before the modulo. */
    static Arbitrary<FrameMutation> any() {
        Arbitrary<Integer> positions = Arbitraries.integers().between(0, 4096);
        Arbitrary<Integer> lengths = Arbitraries.oneOf(Arbitraries.of(boxed(HOSTILE_LENGTHS)), Arbitraries.integers());
        // A random header mostly ends the decode at the API key check, so it is drawn less often.
        return Arbitraries.frequencyOf(
                Tuple.of(3, Combinators.combine(positions, Arbitraries.integers().between(0, 7)).as(FlipBit::new)),
                Tuple.of(2, positions.map(Truncate::new)),
                Tuple.of(2, Combinators.combine(positions, Arbitraries.bytes().array(byte[].class).ofMaxSize(8))
                        .as(Insert::new)),
                Tuple.of(2, Combinators.combine(positions, Arbitraries.integers().between(1, 8)).as(Delete::new)),
                Tuple.of(3, Combinators.combine(positions, lengths).as(WriteVarint::new)),
                Tuple.of(2, Combinators.combine(positions, lengths).as(WriteInt::new)),
                Tuple.of(1, Combinators.combine(Arbitraries.shorts(), Arbitraries.shorts()).as(RequestHeader::new)));
    }

    private static Integer[] boxed(int[] values) {
        return Arrays.stream(values).boxed().toArray(Integer[]::new);
    }

    private static int at(int position, byte[] frame) {
        return position % (frame.length + 1);
    }

    private static byte[] overwrite(byte[] frame, int position, byte[] bytes) {
        int start = at(position, frame);
        byte[] out = Arrays.copyOf(frame, Math.max(frame.length, start + bytes.length));
        System.arraycopy(bytes, 0, out, start, bytes.length);
        return out;
    }

    record FlipBit(int position, int bit) implements FrameMutation {
        @Override
        public byte[] apply(byte[] frame) {
            byte[] out = frame.clone();
            if (out.length > 0) {
                out[position % out.length] ^= (byte) (1 << bit);
            }
            return out;
        }
    }

    record Truncate(int keep) implements FrameMutation {
        @Override
        public byte[] apply(byte[] frame) {
            return Arrays.copyOf(frame, at(keep, frame));
        }
    }

    record Insert(int position, byte[] bytes) implements FrameMutation {
        @Override
        public byte[] apply(byte[] frame) {
            int start = at(position, frame);
            return ByteBuffer.allocate(frame.length + bytes.length).put(frame, 0, start).put(bytes)
                    .put(frame, start, frame.length - start).array();
        }
    }

    record Delete(int position, int count) implements FrameMutation {
        @Override
        public byte[] apply(byte[] frame) {
            int start = at(position, frame);
            int end = Math.min(frame.length, start + count);
            return ByteBuffer.allocate(frame.length - (end - start)).put(frame, 0, start)
                    .put(frame, end, frame.length - end).array();
        }
    }

    /** Kryo's unsigned varint (7 bits a byte, low first), as collection sizes, string lengths and class ids are written. */
    static byte[] varint(int value) {
        ByteBuffer varint = ByteBuffer.allocate(5);
        int rest = value;
        while ((rest & ~0x7f) != 0) {
            varint.put((byte) ((rest & 0x7f) | 0x80));
            rest >>>= 7;
        }
        varint.put((byte) rest);
        return Arrays.copyOf(varint.array(), varint.position());
    }

    /** A {@link #varint(int)} over the bytes at a position. */
    record WriteVarint(int position, int value) implements FrameMutation {
        @Override
        public byte[] apply(byte[] frame) {
            return overwrite(frame, position, varint(value));
        }
    }

    /** A big-endian int32, as body lengths and correlation ids are written. */
    record WriteInt(int position, int value) implements FrameMutation {
        @Override
        public byte[] apply(byte[] frame) {
            return overwrite(frame, position, ByteBuffer.allocate(4).putInt(value).array());
        }
    }

    /** A request header's API key and version (the first four bytes of a request frame). */
    record RequestHeader(short apiKey, short version) implements FrameMutation {
        @Override
        public byte[] apply(byte[] frame) {
            byte[] header = ByteBuffer.allocate(4).putShort(apiKey).putShort(version).array();
            return overwrite(frame, 0, header);
        }
    }
}
