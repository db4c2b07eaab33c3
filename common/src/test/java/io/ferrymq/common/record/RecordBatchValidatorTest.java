package io.ferrymq.common.record;

import static io.ferrymq.common.record.RecordBatchRoundTripTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import io.ferrymq.common.errors.CorruptRecordException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.errors.InvalidRecordException;
import io.ferrymq.common.errors.RecordTooLargeException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecordBatchValidatorTest {

    private static final long CAP = 64L * 1024 * 1024;

    @TempDir
    Path tempDir;

    static ByteBuffer validBatch(CompressionType compression, int records) {
        RecordBatchBuilder builder = RecordBatchBuilder.allocate(1024, compression);
        for (int i = 0; i < records; i++) {
            builder.append(1000L + (i * 7L) % 5, bytes("key-" + i), i % 3 == 0 ? null : bytes("value-" + i),
                    List.of(Header.of("h" + i, "x")));
        }
        builder.build();
        return builder.buffer().flip();
    }

    private static ErrorCode errorOf(ByteBuffer batch, long cap) {
        try {
            RecordBatchValidator.validate(RecordBatch.wrap(batch), cap);
            return ErrorCode.NONE;
        } catch (CorruptRecordException | RecordTooLargeException e) {
            return e.error();
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void aBuiltBatchIsValidAndReportsItsRecordsAndMaxTimestamp(CompressionType compression) {
        RecordBatchValidator.Validated validated =
                RecordBatchValidator.validate(RecordBatch.wrap(validBatch(compression, 10)), CAP);
        assertThat(validated.records()).isEqualTo(10);
        assertThat(validated.maxTimestamp()).isEqualTo(1004L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2-none-0", "v2-gzip-0", "v2-snappy-0", "v2-lz4-0", "v2-zstd-0"})
    void everyBatchKafkaWroteIsValid(String folder) throws Exception {
        Path dir = KafkaTestData.copyFolder(folder, tempDir.resolve(folder));
        ByteBuffer log = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(KafkaTestData.LOG)));
        int records = 0;
        for (RecordBatch batch : RecordBatches.wrap(log)) {
            records += RecordBatchValidator.validate(batch, CAP).records();
        }
        assertThat(records).isEqualTo(205);
    }

    private static ByteBuffer directCopy(ByteBuffer heap) {
        return ByteBuffer.allocateDirect(heap.remaining()).put(heap.duplicate()).flip();
    }

    @Test
    void aBatchInADirectBufferIsWalkedFromTheThreadsScratchWithoutAllocatingItsSize() {
        ByteBuffer batch = directCopy(validBatch(CompressionType.NONE, 600));
        assertThat(batch.remaining()).isGreaterThan(8 * 1024);
        assertThat(RecordBatchValidator.validate(RecordBatch.wrap(batch), CAP).records()).isEqualTo(600);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertThat(RecordBatchValidator.validate(RecordBatch.wrap(batch), CAP).records()).isEqualTo(600);
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(batch.remaining() / 4);
    }

    @Test
    void faultsInADirectBufferAreFoundAsInAHeapBuffer() {
        for (long seed = 0; seed < 50; seed++) {
            assertThat(errorOf(directCopy(HostileBatches.noise(10, 200, seed)), CAP)).as("seed %d", seed)
                    .isEqualTo(ErrorCode.INVALID_RECORD);
        }
        ByteBuffer valid = validBatch(CompressionType.NONE, 3);
        ByteBuffer longer = ByteBuffer.allocate(valid.remaining() + 2).put(valid).put((byte) 0).put((byte) 0).flip();
        longer.putInt(RecordBatch.LENGTH_OFFSET, longer.remaining() - RecordBatch.LOG_OVERHEAD);
        assertThatThrownBy(() -> RecordBatchValidator.validate(RecordBatch.wrap(directCopy(HostileBatches.fixCrc(longer))),
                CAP)).isInstanceOf(InvalidRecordException.class).hasMessageContaining("bytes after its 3 records");
    }

    @Test
    void aCompressionBombIsRefusedAtTheCapWithBoundedAllocation() {
        ByteBuffer bomb = HostileBatches.bomb(100, 1024 * 1024);
        assertThat(bomb.remaining()).isLessThan(1024 * 1024);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> RecordBatchValidator.validate(RecordBatch.wrap(bomb), 8L * 1024 * 1024))
                .isInstanceOf(RecordTooLargeException.class)
                .hasMessageContaining("inflates past 8388608 bytes")
                .hasMessageContaining("message.max.decompressed.bytes");
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(2L * 1024 * 1024);
    }

    @Test
    void aBombUnderTheCapIsValid() {
        assertThat(RecordBatchValidator.validate(RecordBatch.wrap(HostileBatches.bomb(4, 1024 * 1024)), CAP).records())
                .isEqualTo(4);
    }

    @Test
    void aHeaderClaimingTwoBillionRecordsIsAnInvalidRecord() {
        ByteBuffer lying = HostileBatches.lyingCount();
        assertThat(lying.remaining()).isEqualTo(RecordBatch.HEADER_SIZE);
        RecordBatch.wrap(lying).ensureValid();
        assertThatThrownBy(() -> RecordBatchValidator.validate(RecordBatch.wrap(lying), CAP))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("records section ends at byte 0");
    }

    @Test
    void noiseUnderAValidCrcIsAnInvalidRecord() {
        for (long seed = 0; seed < 200; seed++) {
            ByteBuffer noise = HostileBatches.noise(10, 200, seed);
            RecordBatch.wrap(noise).ensureValid();
            assertThat(errorOf(noise, CAP)).as("seed %d", seed).isEqualTo(ErrorCode.INVALID_RECORD);
        }
    }

    @Test
    void bytesAfterTheLastRecordAreAnInvalidRecord() {
        ByteBuffer valid = validBatch(CompressionType.NONE, 3);
        ByteBuffer longer = ByteBuffer.allocate(valid.remaining() + 2).put(valid).put((byte) 0).put((byte) 0).flip();
        longer.putInt(RecordBatch.LENGTH_OFFSET, longer.remaining() - RecordBatch.LOG_OVERHEAD);
        HostileBatches.fixCrc(longer);
        assertThatThrownBy(() -> RecordBatchValidator.validate(RecordBatch.wrap(longer), CAP))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("bytes after its 3 records");
    }

    @Test
    void aHeaderMaxTimestampThatNoRecordCarriesIsAnInvalidRecord() {
        ByteBuffer batch = validBatch(CompressionType.NONE, 3);
        batch.putLong(RecordBatch.MAX_TIMESTAMP_OFFSET, 99_999L);
        HostileBatches.fixCrc(batch);
        assertThatThrownBy(() -> RecordBatchValidator.validate(RecordBatch.wrap(batch), CAP))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("max timestamp 99999");
    }

    @Test
    void inconsistentProducerFieldsAreInvalidRecords() {
        ByteBuffer noEpoch = validBatch(CompressionType.NONE, 2);
        noEpoch.putLong(RecordBatch.PRODUCER_ID_OFFSET, 7L);
        assertThat(errorOf(HostileBatches.fixCrc(noEpoch), CAP)).isEqualTo(ErrorCode.INVALID_RECORD);
        ByteBuffer negativeId = validBatch(CompressionType.NONE, 2);
        negativeId.putLong(RecordBatch.PRODUCER_ID_OFFSET, -5L);
        assertThat(errorOf(HostileBatches.fixCrc(negativeId), CAP)).isEqualTo(ErrorCode.INVALID_RECORD);
    }

    @ParameterizedTest
    @ValueSource(ints = {RecordBatch.CONTROL_MASK, RecordBatch.TRANSACTIONAL_MASK, 0x40, 0x100, 0x8000, 5, 7})
    void controlTransactionalReservedBitsAndUnknownCodecsAreInvalidRecords(int attributes) {
        ByteBuffer batch = validBatch(CompressionType.NONE, 2);
        batch.putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) attributes);
        assertThat(errorOf(HostileBatches.fixCrc(batch), CAP)).isEqualTo(ErrorCode.INVALID_RECORD);
    }

    @Test
    void outOfOrderOffsetDeltasAreAnInvalidRecord() {
        RecordBatchBuilder builder = RecordBatchBuilder.allocate(256, CompressionType.NONE);
        builder.append(1L, bytes("a"), bytes("b"));
        builder.append(1L, bytes("a"), bytes("b"));
        builder.build();
        ByteBuffer batch = builder.buffer().flip();
        int secondDelta = RecordBatch.HEADER_SIZE + 1 + (batch.get(RecordBatch.HEADER_SIZE) >> 1) + 3;
        assertThat(batch.get(secondDelta)).isEqualTo((byte) 2);
        batch.put(secondDelta, (byte) 4);
        assertThatThrownBy(() -> RecordBatchValidator.validate(RecordBatch.wrap(HostileBatches.fixCrc(batch)), CAP))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("record 1 has offset delta 2");
    }
}
