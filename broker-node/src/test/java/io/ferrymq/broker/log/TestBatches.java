package io.ferrymq.broker.log;

import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.Record;
import io.ferrymq.common.record.RecordBatchBuilder;
import io.ferrymq.common.record.RecordBatches;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds producer-style batches (offset 0, no epoch) whose values encode a batch id and record index. */
final class TestBatches {

    private TestBatches() {
    }

    static ByteBuffer batch(int id, int records, long timestamp, int valueSize) {
        return batch(id, records, timestamp, valueSize, CompressionType.NONE);
    }

    static ByteBuffer batch(int id, int records, long timestamp, int valueSize, CompressionType compression) {
        RecordBatchBuilder builder = RecordBatchBuilder.allocate(256, compression);
        for (int i = 0; i < records; i++) {
            builder.append(timestamp + i, ("k" + id).getBytes(StandardCharsets.UTF_8), value(id, i, valueSize));
        }
        builder.build();
        return builder.buffer().flip();
    }

    static byte[] value(int id, int index, int size) {
        byte[] prefix = (id + "/" + index + ":").getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[Math.max(size, prefix.length)];
        System.arraycopy(prefix, 0, value, 0, prefix.length);
        for (int i = prefix.length; i < value.length; i++) {
            value[i] = (byte) ('a' + (id + i) % 26);
        }
        return value;
    }

    static String valueString(Record record) {
        return new String(record.valueBytes().orElseThrow(), StandardCharsets.UTF_8);
    }

    /** Every record from {@code from} to the log end, reading segment by segment. */
    static List<Record> readAll(PartitionLog log, long from) {
        List<Record> records = new ArrayList<>();
        long offset = from;
        while (offset < log.logEndOffset()) {
            LogReadInfo info = log.read(offset, 64 * 1024, Long.MAX_VALUE, true);
            for (Record record : RecordBatches.wrap(info.records().readFully()).records()) {
                if (record.offset() >= offset) {
                    records.add(record);
                }
            }
            if (info.nextOffset() <= offset) {
                throw new AssertionError("read made no progress at " + offset);
            }
            offset = info.nextOffset();
        }
        return records;
    }
}
