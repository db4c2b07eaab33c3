package io.ferrymq.common.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.record.KafkaTestData.ExpectedRecord;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KafkaSegmentCompatibilityTest {

    @TempDir
    Path tempDir;

    private ByteBuffer copiedLog(String folder) throws Exception {
        Path dir = KafkaTestData.copyFolder(folder, tempDir.resolve(folder));
        return ByteBuffer.wrap(Files.readAllBytes(dir.resolve(KafkaTestData.LOG)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2-none-0", "v2-gzip-0", "v2-snappy-0", "v2-lz4-0", "v2-zstd-0"})
    void batchBoundariesPositionsSizesAndCrcsMatchKafkasDump(String folder) throws Exception {
        ByteBuffer log = copiedLog(folder);
        List<Map<String, String>> expected = KafkaTestData.batches(folder);
        List<RecordBatch> batches = new ArrayList<>();
        RecordBatches.wrap(log).forEach(batches::add);
        assertThat(batches).hasSize(expected.size());
        int position = 0;
        for (int i = 0; i < batches.size(); i++) {
            RecordBatch batch = batches.get(i);
            Map<String, String> dump = expected.get(i);
            assertThat(position).isEqualTo(Integer.parseInt(dump.get("position")));
            assertThat(batch.baseOffset()).isEqualTo(Long.parseLong(dump.get("baseOffset")));
            assertThat(batch.lastOffset()).isEqualTo(Long.parseLong(dump.get("lastOffset")));
            assertThat(batch.recordCount()).isEqualTo(Integer.parseInt(dump.get("count")));
            assertThat(batch.sizeInBytes()).isEqualTo(Integer.parseInt(dump.get("size")));
            assertThat(batch.crc()).isEqualTo(Long.parseLong(dump.get("crc")));
            assertThat(batch.maxTimestamp()).isEqualTo(Long.parseLong(dump.get("CreateTime")));
            assertThat(batch.partitionLeaderEpoch()).isEqualTo(Integer.parseInt(dump.get("partitionLeaderEpoch")));
            assertThat(batch.compression().configName()).isEqualTo(dump.get("compresscodec"));
            assertThat(batch.isValid()).isTrue();
            position += batch.sizeInBytes();
        }
        assertThat(position).isEqualTo(log.limit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2-none-0", "v2-gzip-0", "v2-snappy-0", "v2-lz4-0", "v2-zstd-0"})
    void readerYieldsExactlyTheRecordsKafkasConsumerRead(String folder) throws Exception {
        List<Record> actual = RecordBatches.wrap(copiedLog(folder)).records();
        List<ExpectedRecord> expected = KafkaTestData.records(folder);
        assertThat(actual).hasSize(205).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            ExpectedRecord want = expected.get(i);
            Record got = actual.get(i);
            assertThat(got.offset()).isEqualTo(want.offset());
            assertThat(got.timestamp()).isEqualTo(want.timestamp());
            assertThat(got.keyBytes().isPresent()).isEqualTo(want.key().isPresent());
            want.key().ifPresent(k -> assertThat(got.keyBytes().orElseThrow()).isEqualTo(k));
            assertThat(got.valueBytes().isPresent()).isEqualTo(want.value().isPresent());
            want.value().ifPresent(v -> assertThat(got.valueBytes().orElseThrow()).isEqualTo(v));
            assertThat(got.headers()).isEqualTo(want.headers());
        }
    }

    @Test
    void builderReproducesKafkasUncompressedBatchesByteForByte() throws Exception {
        ByteBuffer log = copiedLog("v2-none-0");
        List<ExpectedRecord> records = KafkaTestData.records("v2-none-0");
        int batchCount = 0;
        for (RecordBatch kafka : RecordBatches.wrap(log)) {
            RecordBatchBuilder builder = new RecordBatchBuilder(ByteBuffer.allocate(64), CompressionType.NONE,
                    kafka.baseOffset()).partitionLeaderEpoch(kafka.partitionLeaderEpoch());
            for (ExpectedRecord r : records) {
                if (r.offset() >= kafka.baseOffset() && r.offset() <= kafka.lastOffset()) {
                    builder.append(r.timestamp(), r.key().orElse(null), r.value().orElse(null), r.headers());
                }
            }
            assertThat(builder.build().buffer()).isEqualTo(kafka.buffer());
            batchCount++;
        }
        assertThat(batchCount).isEqualTo(8);
    }
}
