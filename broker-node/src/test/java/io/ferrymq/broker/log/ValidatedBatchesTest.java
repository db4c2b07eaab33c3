package io.ferrymq.broker.log;

import static io.ferrymq.broker.log.TestBatches.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.Record;
import io.ferrymq.common.record.RecordBatch;
import io.ferrymq.common.record.RecordBatches;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValidatedBatchesTest {

    private final LogConfig config = LogConfig.defaults(Path.of("unused"));

    private static ByteBuffer twoBatches(CompressionType first, CompressionType second) {
        ByteBuffer a = batch(1, 3, 100L, 40, first);
        ByteBuffer b = batch(2, 4, 200L, 40, second);
        return ByteBuffer.allocate(a.remaining() + b.remaining()).put(a).put(b).flip();
    }

    private static List<CompressionType> codecs(ValidatedBatches validated) {
        List<CompressionType> codecs = new ArrayList<>();
        RecordBatches.wrap(validated.buffer()).forEach(b -> codecs.add(b.compression()));
        return codecs;
    }

    @Test
    void aProducerTopicKeepsTheBytesAsSent() {
        ByteBuffer sent = twoBatches(CompressionType.GZIP, CompressionType.LZ4);
        ValidatedBatches validated = ValidatedBatches.validate(sent, config, Optional.empty());
        assertThat(validated.buffer()).isEqualTo(sent);
        assertThat(validated.summary().records()).isEqualTo(7);
    }

    @Test
    void aTopicCodecRecompressesEveryOtherBatchAndKeepsTheRecords() {
        ByteBuffer sent = twoBatches(CompressionType.GZIP, CompressionType.ZSTD);
        List<Record> before = RecordBatches.wrap(sent).records();
        ValidatedBatches validated = ValidatedBatches.validate(sent, config, Optional.of(CompressionType.ZSTD));
        assertThat(codecs(validated)).containsExactly(CompressionType.ZSTD, CompressionType.ZSTD);
        assertThat(RecordBatches.wrap(validated.buffer()).records()).isEqualTo(before);
        assertThat(validated.summary().records()).isEqualTo(7);
        assertThat(validated.summary().sizeInBytes()).isEqualTo(validated.buffer().remaining());
    }

    @Test
    void anUncompressedTopicStoresBatchesWithoutACodec() {
        ValidatedBatches validated = ValidatedBatches.validate(twoBatches(CompressionType.SNAPPY, CompressionType.NONE),
                config, Optional.of(CompressionType.NONE));
        assertThat(codecs(validated)).containsOnly(CompressionType.NONE);
        assertThat(RecordBatches.wrap(validated.buffer())).allMatch(RecordBatch::isValid);
    }
}
