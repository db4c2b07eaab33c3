package io.ferrymq.common.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordBatchRoundTripTest {

    record Input(long timestamp, byte[] key, byte[] value, List<Header> headers) {
    }

    static Stream<Arguments> shapes() {
        List<Arguments> shapes = new ArrayList<>();
        for (CompressionType compression : CompressionType.values()) {
            shapes.add(Arguments.of("null key and value", compression, List.of(new Input(1000, null, null, List.of()))));
            shapes.add(Arguments.of("empty key and value", compression,
                    List.of(new Input(1000, new byte[0], new byte[0], List.of()))));
            shapes.add(Arguments.of("many headers", compression, List.of(new Input(5, bytes("k"), bytes("v"),
                    manyHeaders(300)))));
            shapes.add(Arguments.of("large value", compression, List.of(new Input(7, bytes("big"),
                    randomBytes(1, 3_000_000), List.of()))));
            shapes.add(Arguments.of("many records, timestamps going back", compression, randomInputs(42, 2000)));
        }
        return shapes.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapes")
    void recordsComeBackAsWritten(String name, CompressionType compression, List<Input> inputs) {
        ByteBuffer buffer = ByteBuffer.allocate(128).position(17);
        RecordBatchBuilder builder = new RecordBatchBuilder(buffer, compression, 1234L)
                .partitionLeaderEpoch(3).producer(99L, (short) 2, 10);
        inputs.forEach(in -> builder.append(in.timestamp(), in.key(), in.value(), in.headers()));
        RecordBatch batch = builder.build();

        assertThat(builder.buffer().position()).isEqualTo(17 + batch.sizeInBytes());
        RecordBatchValidator.validate(batch, Long.MAX_VALUE);
        assertThat(batch.baseOffset()).isEqualTo(1234L);
        assertThat(batch.lastOffset()).isEqualTo(1234L + inputs.size() - 1);
        assertThat(batch.recordCount()).isEqualTo(inputs.size());
        assertThat(batch.partitionLeaderEpoch()).isEqualTo(3);
        assertThat(batch.producerId()).isEqualTo(99L);
        assertThat(batch.producerEpoch()).isEqualTo((short) 2);
        assertThat(batch.baseSequence()).isEqualTo(10);
        assertThat(batch.compression()).isEqualTo(compression);
        assertThat(batch.firstTimestamp()).isEqualTo(inputs.get(0).timestamp());
        assertThat(batch.maxTimestamp()).isEqualTo(inputs.stream().mapToLong(Input::timestamp).max().orElseThrow());
        assertRecords(batch.records(), inputs, 1234L);
    }

    @Test
    void offsetAndEpochAreRewrittenInPlaceWithoutBreakingTheCrc() {
        RecordBatch batch = RecordBatchBuilder.allocate(256, CompressionType.NONE)
                .append(1L, bytes("a"), bytes("b")).append(2L, bytes("c"), bytes("d")).build();
        long crc = batch.crc();
        batch.setBaseOffset(1_000_000_000_000L);
        batch.setPartitionLeaderEpoch(77);
        assertThat(batch.crc()).isEqualTo(crc);
        assertThat(batch.isValid()).isTrue();
        assertThat(batch.records()).extracting(Record::offset).containsExactly(1_000_000_000_000L, 1_000_000_000_001L);
        assertThat(batch.partitionLeaderEpoch()).isEqualTo(77);
    }

    @Test
    void concatenatedBatchesIterateInOrder() {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        for (int b = 0; b < 5; b++) {
            CompressionType codec = CompressionType.values()[b % CompressionType.values().length];
            RecordBatchBuilder builder = new RecordBatchBuilder(buffer, codec, b * 10L);
            for (int r = 0; r <= b; r++) {
                builder.append(r, bytes("k" + r), bytes("v" + b));
            }
            builder.build();
            buffer = builder.buffer();
        }
        RecordBatches batches = RecordBatches.wrap(buffer.flip());
        assertThat(batches.ensureValid(Integer.MAX_VALUE)).isEqualTo(5);
        assertThat(batches.records()).extracting(Record::offset)
                .containsExactly(0L, 10L, 11L, 20L, 21L, 22L, 30L, 31L, 32L, 33L, 40L, 41L, 42L, 43L, 44L);
    }

    @Test
    void hasRoomForAdmitsTheFirstRecordAlwaysAndThenRespectsTheLimit() {
        RecordBatchBuilder builder = RecordBatchBuilder.allocate(16, CompressionType.NONE);
        ByteBuffer value = ByteBuffer.wrap(new byte[100]);
        assertThat(builder.hasRoomFor(null, value, List.of(), 10)).isTrue();
        builder.append(0L, null, new byte[100]);
        assertThat(builder.hasRoomFor(null, value, List.of(), 300)).isTrue();
        assertThat(builder.hasRoomFor(null, value, List.of(), 200)).isFalse();
        assertThat(builder.estimatedSizeInBytes()).isEqualTo(builder.build().sizeInBytes());
    }

    static void assertRecords(List<Record> records, List<Input> inputs, long baseOffset) {
        assertThat(records).hasSize(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            Record record = records.get(i);
            assertThat(record.offset()).isEqualTo(baseOffset + i);
            assertThat(record.timestamp()).isEqualTo(in.timestamp());
            assertSameBytes(record.keyBytes(), in.key());
            assertSameBytes(record.valueBytes(), in.value());
            assertThat(record.headers()).isEqualTo(in.headers());
        }
    }

    private static void assertSameBytes(Optional<byte[]> actual, byte[] expectedOrNull) {
        assertThat(actual.isPresent()).isEqualTo(expectedOrNull != null);
        if (expectedOrNull != null) {
            assertThat(Arrays.equals(actual.orElseThrow(), expectedOrNull)).isTrue();
        }
    }

    static List<Input> randomInputs(long seed, int count) {
        Random random = new Random(seed);
        List<Input> inputs = new ArrayList<>();
        long timestamp = 1_700_000_000_000L;
        for (int i = 0; i < count; i++) {
            timestamp += random.nextInt(2000) - 700;
            byte[] key = random.nextInt(5) == 0 ? null : randomBytes(random.nextLong(), random.nextInt(20));
            byte[] value = random.nextInt(7) == 0 ? null : randomBytes(random.nextLong(), random.nextInt(500));
            List<Header> headers = random.nextInt(3) == 0 ? manyHeaders(random.nextInt(4)) : List.of();
            inputs.add(new Input(timestamp, key, value, headers));
        }
        return inputs;
    }

    static List<Header> manyHeaders(int count) {
        List<Header> headers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            headers.add(i % 5 == 0 ? Header.of("h-" + i, (byte[]) null) : Header.of("hé-" + i, "v" + i));
        }
        return headers;
    }

    static byte[] randomBytes(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void recompressingKeepsEveryFieldAndRecordInTheTargetCodec() {
        for (CompressionType from : CompressionType.values()) {
            for (CompressionType to : CompressionType.values()) {
                RecordBatchBuilder builder = new RecordBatchBuilder(ByteBuffer.allocate(64), from, 0L)
                        .partitionLeaderEpoch(4).producer(77L, (short) 3, 12);
                for (int i = 0; i < 20; i++) {
                    builder.append(500L + i % 3, i % 4 == 0 ? null : bytes("k" + i), bytes("v".repeat(i)),
                            List.of(Header.of("h", "x" + i)));
                }
                RecordBatch original = builder.build();
                RecordBatch converted = RecordBatch.wrap(RecordBatchBuilder.recompress(original, to));
                assertThat(converted.compression()).isEqualTo(to);
                assertThat(RecordBatchValidator.validate(converted, Long.MAX_VALUE).records()).isEqualTo(20);
                assertThat(List.of(converted.producerId(), (long) converted.producerEpoch(),
                        (long) converted.baseSequence(), (long) converted.partitionLeaderEpoch(),
                        converted.maxTimestamp(), converted.firstTimestamp()))
                        .containsExactly(77L, 3L, 12L, 4L, original.maxTimestamp(), original.firstTimestamp());
                assertThat(converted.records()).isEqualTo(original.records());
            }
        }
    }
}
