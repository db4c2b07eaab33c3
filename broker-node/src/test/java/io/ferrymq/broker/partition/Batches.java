package io.ferrymq.broker.partition;

import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds small record batches for tests. */
final class Batches {

    private Batches() {
    }

    /** One batch holding the given values, timestamps 1000, 1001, ... */
    static ByteBuffer of(String... values) {
        RecordBatchBuilder builder = RecordBatchBuilder.allocate(256, CompressionType.NONE);
        for (int i = 0; i < values.length; i++) {
            builder.append(1_000L + i, null, values[i].getBytes(StandardCharsets.UTF_8));
        }
        return builder.build().buffer().duplicate();
    }
}
