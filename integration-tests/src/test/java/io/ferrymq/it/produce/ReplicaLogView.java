package io.ferrymq.it.produce;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.CorruptRecordException;
import io.ferrymq.common.record.Record;
import io.ferrymq.common.record.RecordBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One broker's copy of a partition, read straight from its segment files ({@code
 * <dataDir>/<topic>-<partition>/<20-digit base offset>.log}) with the client's batch view and no
 * broker code, also while the broker runs: a batch cut by an append in progress ends the read.
 * Batches are described by their header alone, so a batch that lies about its records is shown
 * as it is, not decoded into memory. Stateless and thread-safe.
 */
final class ReplicaLogView {

    private static final String SEGMENT_SUFFIX = ".log";

    private ReplicaLogView() {
    }

    /**
     * The replica's log end offset: the offset after its last complete batch, or the base offset
     * of its newest segment when that holds no batch.
     */
    static long logEndOffset(Path dataDir, TopicPartition tp) {
        long end = 0;
        for (Path segment : segments(dataDir, tp)) {
            end = Math.max(end, baseOffsetOf(segment));
            for (RecordBatch batch : batches(segment)) {
                end = Math.max(end, batch.nextOffset());
            }
        }
        return end;
    }

    /**
     * What the replica holds at offsets {@code [from, to)}: {@code "<offset>:<value>"} per record, or
     * one {@code "<base>..<last>: <problem>"} entry per batch in the range that does not decode.
     */
    static List<String> describe(Path dataDir, TopicPartition tp, long from, long to) {
        List<String> out = new ArrayList<>();
        for (Path segment : segments(dataDir, tp)) {
            for (RecordBatch batch : batches(segment)) {
                if (batch.lastOffset() >= from && batch.baseOffset() < to) {
                    out.addAll(describe(batch, from, to));
                }
            }
        }
        return out;
    }

    private static List<String> describe(RecordBatch batch, long from, long to) {
        List<String> out = new ArrayList<>();
        try {
            batch.ensureValid();
            for (Record record : batch) {
                if (record.offset() >= from && record.offset() < to) {
                    out.add(record.offset() + ":" + record.value().map(ReplicaLogView::utf8).orElse("null"));
                }
            }
            return out;
        } catch (CorruptRecordException e) {
            return List.of(batch.baseOffset() + ".." + batch.lastOffset() + ": " + batch.recordCount()
                    + " records claimed, " + batch.sizeInBytes() + " bytes, undecodable: " + e.getMessage());
        }
    }

    private static List<RecordBatch> batches(Path segment) {
        ByteBuffer bytes;
        try {
            bytes = ByteBuffer.wrap(Files.readAllBytes(segment));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + segment, e);
        }
        List<RecordBatch> out = new ArrayList<>();
        while (bytes.remaining() >= RecordBatch.HEADER_SIZE) {
            int size = RecordBatch.LOG_OVERHEAD + bytes.getInt(bytes.position() + RecordBatch.LENGTH_OFFSET);
            if (size < RecordBatch.HEADER_SIZE || size > bytes.remaining()) {
                break; // a tail still being written
            }
            out.add(RecordBatch.wrap(bytes));
            bytes.position(bytes.position() + size);
        }
        return out;
    }

    private static List<Path> segments(Path dataDir, TopicPartition tp) {
        Path dir = dataDir.resolve(tp.topic() + "-" + tp.partition());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SEGMENT_SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + dir, e);
        }
    }

    private static long baseOffsetOf(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SEGMENT_SUFFIX.length()));
    }

    private static String utf8(ByteBuffer bytes) {
        return StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
    }
}
