package io.ferrymq.broker.log.cleaner;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.Record;
import io.ferrymq.common.record.RecordBatch;
import io.ferrymq.common.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.junit.jupiter.api.Test;

/** The cleaner's rule on one batch; every rebuilt batch is also read back by Kafka's own record classes. */
class BatchFilterTest {

    private static final long NOW = 1_000_000L;
    private static final long DELETE_RETENTION = 5_000L;

    /** Records {@code keys[i]} (null key for "", tombstone for values "-") at offsets base, base+1, ... */
    private static RecordBatch batch(long base, CompressionType codec, long producerId, String... keyValues) {
        RecordBatchBuilder builder = new RecordBatchBuilder(ByteBuffer.allocate(256), codec, base)
                .partitionLeaderEpoch(3).producer(producerId, (short) (producerId >= 0 ? 1 : -1),
                        producerId >= 0 ? 10 : -1);
        for (String kv : keyValues) {
            String[] parts = kv.split("=");
            byte[] key = parts[0].isEmpty() ? null : parts[0].getBytes(StandardCharsets.UTF_8);
            byte[] value = parts[1].equals("-") ? null : parts[1].getBytes(StandardCharsets.UTF_8);
            builder.append(NOW - 100, key, value);
        }
        builder.build();
        return RecordBatch.wrap(builder.buffer().flip());
    }

    private static OffsetMap map(Object... keyOffsets) {
        OffsetMap map = new OffsetMap(24 * 64, 0.9);
        for (int i = 0; i < keyOffsets.length; i += 2) {
            map.put(ByteBuffer.wrap(((String) keyOffsets[i]).getBytes(StandardCharsets.UTF_8)), (Long) keyOffsets[i + 1]);
        }
        return map;
    }

    private static List<String> offsetsAndValues(RecordBatch batch) {
        return batch.records().stream().map(r -> r.offset() + ":" + text(r)).toList();
    }

    private static String text(Record r) {
        return StandardCharsets.UTF_8.decode(r.key().orElseThrow()) + "="
                + r.value().map(v -> StandardCharsets.UTF_8.decode(v).toString()).orElse("-");
    }

    private static MutableRecordBatch kafkaView(ByteBuffer bytes) {
        MutableRecordBatch batch = MemoryRecords.readableRecords(bytes.duplicate()).batches().iterator().next();
        batch.ensureValid();
        return batch;
    }

    @Test
    void supersededRecordsGoAndTheRestKeepTheirOffsetsAndTheBatchItsLastOffset() {
        for (CompressionType codec : new CompressionType[] {CompressionType.NONE, CompressionType.GZIP}) {
            RecordBatch batch = batch(100, codec, 7, "a=1", "b=1", "a=2", "c=1");
            BatchFilter.Result result = BatchFilter.filter(batch, map("a", 102L, "b", 105L, "c", 103L), NOW,
                    DELETE_RETENTION, false);

            RecordBatch cleaned = RecordBatch.wrap(result.retained().orElseThrow());
            assertThat(offsetsAndValues(cleaned)).as(codec.toString()).containsExactly("102:a=2", "103:c=1");
            assertThat(cleaned.baseOffset()).isEqualTo(100);
            assertThat(cleaned.lastOffset()).isEqualTo(103);
            assertThat(cleaned.producerId()).isEqualTo(7);
            assertThat(cleaned.baseSequence()).isEqualTo(10);
            assertThat(cleaned.partitionLeaderEpoch()).isEqualTo(3);
            assertThat(cleaned.compression()).isEqualTo(codec);
            assertThat(result.recordsRead()).isEqualTo(4);
            assertThat(result.recordsRetained()).isEqualTo(2);
            MutableRecordBatch kafka = kafkaView(result.retained().get());
            assertThat(kafka.lastOffset()).isEqualTo(103);
            assertThat(kafka.countOrNull()).isEqualTo(2);
        }
    }

    @Test
    void aBatchWhoseRecordsAllSurviveIsKeptByteForByte() {
        RecordBatch batch = batch(0, CompressionType.NONE, -1, "a=1", "b=1");
        BatchFilter.Result result = BatchFilter.filter(batch, map("a", 0L, "b", 1L), NOW, DELETE_RETENTION, false);
        assertThat(result.retained().orElseThrow()).isEqualTo(batch.buffer());
    }

    @Test
    void aKeptTombstoneGetsADeleteHorizonAndIsDroppedOnceItPassed() {
        RecordBatch batch = batch(10, CompressionType.NONE, -1, "a=-", "b=1");
        BatchFilter.Result first = BatchFilter.filter(batch, map("a", 10L, "b", 11L), NOW, DELETE_RETENTION, false);
        RecordBatch withHorizon = RecordBatch.wrap(first.retained().orElseThrow());
        assertThat(first.tombstonesKept()).isTrue();
        assertThat(withHorizon.deleteHorizonMs()).hasValue(NOW + DELETE_RETENTION);
        assertThat(offsetsAndValues(withHorizon)).containsExactly("10:a=-", "11:b=1");
        assertThat(withHorizon.records().get(1).timestamp()).as("timestamps survive the new base").isEqualTo(NOW - 100);
        assertThat(kafkaView(first.retained().get()).deleteHorizonMs()).hasValue(NOW + DELETE_RETENTION);

        BatchFilter.Result before = BatchFilter.filter(withHorizon, map("a", 10L, "b", 11L),
                NOW + DELETE_RETENTION - 1, DELETE_RETENTION, false);
        assertThat(offsetsAndValues(RecordBatch.wrap(before.retained().orElseThrow()))).contains("10:a=-");

        BatchFilter.Result after = BatchFilter.filter(withHorizon, map("a", 10L, "b", 11L), NOW + DELETE_RETENTION,
                DELETE_RETENTION, false);
        assertThat(offsetsAndValues(RecordBatch.wrap(after.retained().orElseThrow()))).containsExactly("11:b=1");
        assertThat(after.tombstonesKept()).isFalse();
    }

    @Test
    void anEmptiedBatchIsDroppedUnlessItIsAProducersLastWhichStaysEmpty() {
        RecordBatch batch = batch(20, CompressionType.NONE, 9, "a=1", "a=2");
        OffsetMap newer = map("a", 30L);
        assertThat(BatchFilter.filter(batch, newer, NOW, DELETE_RETENTION, false).retained()).isEmpty();

        RecordBatch empty = RecordBatch.wrap(BatchFilter.filter(batch, newer, NOW, DELETE_RETENTION, true)
                .retained().orElseThrow());
        assertThat(empty.recordCount()).isZero();
        assertThat(empty.baseOffset()).isEqualTo(20);
        assertThat(empty.lastOffset()).isEqualTo(21);
        assertThat(empty.producerId()).isEqualTo(9);
        assertThat(empty.baseSequence()).isEqualTo(10);
        empty.ensureValid();
        assertThat(kafkaView(empty.buffer()).lastOffset()).isEqualTo(21);
    }

    @Test
    void recordsWithoutAKeyAreDropped() {
        RecordBatch batch = batch(0, CompressionType.NONE, -1, "=x", "a=1");
        BatchFilter.Result result = BatchFilter.filter(batch, map("a", 1L), NOW, DELETE_RETENTION, false);
        assertThat(offsetsAndValues(RecordBatch.wrap(result.retained().orElseThrow()))).containsExactly("1:a=1");
    }
}
