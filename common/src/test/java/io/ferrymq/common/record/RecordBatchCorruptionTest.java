package io.ferrymq.common.record;

import static io.ferrymq.common.record.RecordBatchRoundTripTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.errors.CorruptRecordException;
import io.ferrymq.common.errors.RecordTooLargeException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordBatchCorruptionTest {

    private static ByteBuffer batchBytes(int records) {
        RecordBatchBuilder builder = RecordBatchBuilder.allocate(256, CompressionType.NONE);
        for (int i = 0; i < records; i++) {
            builder.append(1000L + i, bytes("key-" + i), bytes("value-" + i), List.of(Header.of("h", "x")));
        }
        builder.build();
        return builder.buffer().flip();
    }

    @Test
    void everyFlippedBitInsideTheCrcRangeIsDetected() {
        ByteBuffer original = batchBytes(5);
        Random random = new Random(7);
        for (int position = RecordBatch.MAGIC_OFFSET; position < original.limit(); position++) {
            ByteBuffer copy = copy(original);
            copy.put(position, (byte) (copy.get(position) ^ (1 << random.nextInt(8))));
            if (position == RecordBatch.MAGIC_OFFSET) {
                assertThatThrownBy(() -> RecordBatch.wrap(copy).ensureValid()).hasMessageContaining("magic");
            } else {
                assertThat(RecordBatch.wrap(copy).isValid()).as("bit flipped at %d", position).isFalse();
                assertThatThrownBy(() -> RecordBatch.wrap(copy).ensureValid())
                        .isInstanceOf(CorruptRecordException.class).hasMessageContaining("CRC");
            }
        }
    }

    @Test
    void cutBatchIsDetectedAtEveryCutPoint() {
        ByteBuffer original = batchBytes(3);
        for (int cut = 1; cut < original.limit(); cut++) {
            ByteBuffer truncated = copy(original).limit(cut);
            assertThatThrownBy(() -> RecordBatches.wrap(truncated).iterator().next())
                    .isInstanceOf(CorruptRecordException.class)
                    .hasMessageContaining("cut");
        }
    }

    @Test
    void lyingLengthIsDetected() {
        ByteBuffer tooLong = copy(batchBytes(3));
        tooLong.putInt(RecordBatch.LENGTH_OFFSET, tooLong.getInt(RecordBatch.LENGTH_OFFSET) + 1);
        assertThatThrownBy(() -> RecordBatches.wrap(tooLong).ensureValid(Integer.MAX_VALUE))
                .isInstanceOf(CorruptRecordException.class).hasMessageContaining("declares length");

        ByteBuffer belowHeader = copy(batchBytes(3));
        belowHeader.putInt(RecordBatch.LENGTH_OFFSET, 10);
        assertThatThrownBy(() -> RecordBatches.wrap(belowHeader).ensureValid(Integer.MAX_VALUE))
                .isInstanceOf(CorruptRecordException.class).hasMessageContaining("below the minimum");

        ByteBuffer tooShort = copy(batchBytes(3));
        tooShort.putInt(RecordBatch.LENGTH_OFFSET, tooShort.getInt(RecordBatch.LENGTH_OFFSET) - 5);
        assertThatThrownBy(() -> RecordBatches.wrap(tooShort).ensureValid(Integer.MAX_VALUE))
                .isInstanceOf(CorruptRecordException.class);
    }

    @Test
    void lastOffsetDeltaBelowTheRecordCountIsDetectedEvenWithAGoodCrc() {
        ByteBuffer lying = copy(batchBytes(3));
        lying.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, 1);
        HostileBatches.fixCrc(lying);
        assertThatThrownBy(() -> RecordBatch.wrap(lying).ensureValid())
                .isInstanceOf(CorruptRecordException.class).hasMessageContaining("last offset delta 1 but 3 records");
    }

    @Test
    void aLastOffsetDeltaPastTheRecordsIsACompactedBatchWhichOnlyAProducerMayNotSend() {
        ByteBuffer compacted = copy(batchBytes(3));
        compacted.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, 5);
        HostileBatches.fixCrc(compacted);
        RecordBatch.wrap(compacted).ensureValid();
        assertThatThrownBy(() -> RecordBatchValidator.validate(RecordBatch.wrap(compacted), Long.MAX_VALUE))
                .isInstanceOf(CorruptRecordException.class).hasMessageContaining("last offset delta 5 but 3 records");
    }

    @Test
    void recordCountAboveTheRecordsPresentIsDetectedWhenDecoding() {
        ByteBuffer lying = copy(batchBytes(3));
        lying.putInt(RecordBatch.RECORD_COUNT_OFFSET, 4);
        lying.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, 3);
        HostileBatches.fixCrc(lying);
        RecordBatch batch = RecordBatch.wrap(lying);
        batch.ensureValid();
        assertThatThrownBy(() -> RecordBatchValidator.validate(batch, Long.MAX_VALUE)).isInstanceOf(CorruptRecordException.class);
    }

    @Test
    void recordCountBelowTheRecordsPresentIsDetectedWhenDecoding() {
        ByteBuffer lying = copy(batchBytes(3));
        lying.putInt(RecordBatch.RECORD_COUNT_OFFSET, 2);
        lying.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, 1);
        HostileBatches.fixCrc(lying);
        assertThatThrownBy(() -> RecordBatchValidator.validate(RecordBatch.wrap(lying), Long.MAX_VALUE))
                .isInstanceOf(CorruptRecordException.class).hasMessageContaining("after its 2 records");
    }

    @Test
    void batchAboveTheSizeLimitIsRefused() {
        ByteBuffer bytes = batchBytes(10);
        assertThatThrownBy(() -> RecordBatches.wrap(bytes).ensureValid(100))
                .isInstanceOf(RecordTooLargeException.class).hasMessageContaining("above the limit of 100");
    }

    @Test
    void unknownCodecIdIsCorrupt() {
        ByteBuffer bad = copy(batchBytes(1));
        bad.putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) 6);
        HostileBatches.fixCrc(bad);
        assertThatThrownBy(RecordBatch.wrap(bad)::compression)
                .isInstanceOf(CorruptRecordException.class).hasMessageContaining("codec id 6");
    }

    @Test
    void emptyBufferIsRefused() {
        assertThatThrownBy(() -> RecordBatches.wrap(ByteBuffer.allocate(0)).ensureValid(100))
                .isInstanceOf(CorruptRecordException.class);
    }

    static ByteBuffer copy(ByteBuffer original) {
        ByteBuffer copy = ByteBuffer.allocate(original.remaining());
        copy.put(original.duplicate()).flip();
        return copy;
    }
}
