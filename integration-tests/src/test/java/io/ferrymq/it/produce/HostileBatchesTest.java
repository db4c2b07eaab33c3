package io.ferrymq.it.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.client.record.CompressionType;
import io.ferrymq.client.record.CorruptRecordException;
import io.ferrymq.client.record.Record;
import io.ferrymq.client.record.RecordBatch;
import io.ferrymq.client.record.RecordBatches;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hostile batches are what {@link HostileBatchIT} claims: every CRC is right, so the broker can
 * only refuse them for what they say; the bomb's records are valid; the lying and noisy batches'
 * records are not.
 */
class HostileBatchesTest {

    @Test
    void bombHasCorrectCrcAndValidRecordsOfZeros() {
        RecordBatch bomb = RecordBatch.wrap(HostileBatches.gzipBomb(5, 1024));

        bomb.ensureValidRecords();
        assertThat(bomb.compression()).isEqualTo(CompressionType.GZIP);
        List<Record> records = bomb.records();
        assertThat(records).extracting(Record::offset).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(records).allSatisfy(r -> assertThat(r.valueBytes().orElseThrow()).isEqualTo(new byte[1024]));
    }

    @Test
    void bombCompressesAThousandfold() {
        ByteBuffer bomb = HostileBatches.gzipBomb(16, 1 << 20);

        assertThat(bomb.remaining()).isLessThan((16 << 20) / 900);
    }

    @Test
    void lyingCountIsAHeaderWithACorrectCrcClaimingIntegerMaxRecords() {
        RecordBatch lying = RecordBatch.wrap(HostileBatches.lyingCount());

        lying.ensureValid();
        assertThat(lying.sizeInBytes()).isEqualTo(RecordBatch.HEADER_SIZE);
        assertThat(lying.recordCount()).isEqualTo(Integer.MAX_VALUE);
        assertThat(lying.lastOffsetDelta()).isEqualTo(Integer.MAX_VALUE - 1);
        assertThatThrownBy(lying::ensureValidRecords).isInstanceOf(CorruptRecordException.class);
    }

    @Test
    void noiseHasACorrectCrcAndPlausibleHeaderButNoRecords() {
        RecordBatch noise = RecordBatch.wrap(HostileBatches.noise(14L, 300));

        noise.ensureValid();
        assertThat(noise.recordCount()).isEqualTo(10);
        assertThat(noise.lastOffsetDelta()).isEqualTo(9);
        assertThatThrownBy(noise::ensureValidRecords).isInstanceOf(CorruptRecordException.class);
    }

    @Test
    void concatenatedBatchesIterateInOrder() {
        ByteBuffer both = HostileBatches.concat(HostileBatches.lyingCount(), HostileBatches.valid("a", "b"));

        List<RecordBatch> batches = toList(RecordBatches.wrap(both));
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1).records()).extracting(r -> new String(r.valueBytes().orElseThrow(), StandardCharsets.UTF_8))
                .containsExactly("a", "b");
    }

    private static List<RecordBatch> toList(RecordBatches batches) {
        List<RecordBatch> out = new ArrayList<>();
        batches.forEach(out::add);
        return out;
    }
}
