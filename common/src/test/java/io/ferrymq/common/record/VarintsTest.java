package io.ferrymq.common.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class VarintsTest {

    @Test
    void varintsAndVarlongsRoundTripWithTheirPredictedSizes() {
        long[] values = {0, 1, -1, 63, -64, 64, 300, -300, Integer.MAX_VALUE, Integer.MIN_VALUE,
            Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40};
        ByteBuffer buffer = ByteBuffer.allocate(16);
        for (long value : values) {
            buffer.clear();
            Varints.writeVarlong(value, buffer);
            assertThat(buffer.position()).isEqualTo(Varints.sizeOfVarlong(value));
            assertThat(ByteSource.of(buffer.flip()).readVarlong()).isEqualTo(value);
            int asInt = (int) value;
            buffer.clear();
            Varints.writeVarint(asInt, buffer);
            assertThat(buffer.position()).isEqualTo(Varints.sizeOfVarint(asInt));
            assertThat(ByteSource.of(buffer.flip()).readVarint()).isEqualTo(asInt);
        }
    }

    @Test
    void zigzagMatchesKafkasEncoding() {
        ByteBuffer buffer = ByteBuffer.allocate(8);
        Varints.writeVarint(-1, buffer);
        Varints.writeVarint(1, buffer);
        Varints.writeVarint(64, buffer);
        assertThat(buffer.flip().remaining()).isEqualTo(4);
        assertThat(buffer.get(0)).isEqualTo((byte) 0x01);
        assertThat(buffer.get(1)).isEqualTo((byte) 0x02);
        assertThat(buffer.get(2)).isEqualTo((byte) 0x80);
        assertThat(buffer.get(3)).isEqualTo((byte) 0x01);
    }

    @Test
    void overlongOrCutVarintsAreCorrupt() {
        ByteBuffer overlong = ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, 0x01});
        assertThatThrownBy(() -> ByteSource.of(overlong).readVarint()).isInstanceOf(CorruptRecordException.class);
        assertThatThrownBy(() -> ByteSource.of(ByteBuffer.wrap(new byte[] {(byte) 0x80})).readVarint())
                .isInstanceOf(CorruptRecordException.class);
    }
}
