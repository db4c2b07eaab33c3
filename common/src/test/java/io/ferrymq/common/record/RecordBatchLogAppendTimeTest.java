package io.ferrymq.common.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecordBatchLogAppendTimeTest {

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void stampingSetsTheTypeAndMaxTimestampKeepsTheCrcValidAndEveryRecordReadsTheAppendTime(CompressionType codec) {
        RecordBatchBuilder builder = RecordBatchBuilder.allocate(256, codec);
        for (int i = 0; i < 3; i++) {
            builder.append(100L + i, null, ("v" + i).getBytes(StandardCharsets.UTF_8));
        }
        builder.build();
        RecordBatch batch = RecordBatch.wrap(builder.buffer().flip());
        long crcBefore = batch.crc();

        batch.setLogAppendTime(9_000L);

        assertThat(batch.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(batch.maxTimestamp()).isEqualTo(9_000L);
        assertThat(batch.compression()).isEqualTo(codec);
        assertThat(batch.crc()).isNotEqualTo(crcBefore).isEqualTo(batch.computeChecksum());
        assertThat(batch.isValid()).isTrue();
        assertThat(batch.records()).extracting(Record::timestamp).containsExactly(9_000L, 9_000L, 9_000L);
    }
}
