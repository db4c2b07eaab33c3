package io.ferrymq.broker.cli;

import io.ferrymq.broker.log.LogFiles;
import io.ferrymq.broker.log.index.OffsetIndex;
import io.ferrymq.broker.log.index.TimeIndex;
import io.ferrymq.common.errors.CorruptRecordException;
import io.ferrymq.common.record.Record;
import io.ferrymq.common.record.RecordBatch;
import io.ferrymq.common.record.RecordBatches;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry dump-log --files X.log[,Y.log] [--print-data] [--verify-index]}: prints every batch
 * of a segment in the layout of Kafka's {@code DumpLogSegments} (offsets, count, position, size,
 * epoch, codec, CRC, validity), the records with {@code --print-data}, and with
 * {@code --verify-index} checks that every {@code .index} entry names a batch's last offset and
 * start position and every {@code .timeindex} entry the largest timestamp so far. Read-only: never
 * creates, repairs or locks a file. Exits 1 when anything is corrupt or inconsistent.
 */
@Command(name = "dump-log", mixinStandardHelpOptions = true,
        description = "Print the batches of log segment files and check their indexes.")
public final class DumpLogCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--files", required = true, split = ",", description = "Segment .log files to dump.")
    private List<Path> files;

    @Option(names = "--print-data", description = "Also print every record (offset, timestamp, key, value, headers).")
    private boolean printData;

    @Option(names = "--verify-index", description = "Check the .index and .timeindex beside each .log.")
    private boolean verifyIndex;

    /** Last offset and max timestamp so far of the batch starting at each position (for index checks). */
    private record BatchEnd(long lastOffset, long maxTimestampSoFar) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        int problems = 0;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "no such segment file");
            }
            problems += dump(file, out);
        }
        out.flush();
        if (problems > 0) {
            spec.commandLine().getErr().println("ferry dump-log: " + problems + " problem(s) found");
            return 1;
        }
        return 0;
    }

    private int dump(Path file, PrintWriter out) throws IOException {
        out.println("Dumping " + file);
        ByteBuffer bytes = map(file);
        Map<Integer, BatchEnd> batchEnds = new HashMap<>();
        int problems = 0;
        int position = 0;
        long maxTimestamp = -1L;
        while (position < bytes.limit()) {
            int size;
            try {
                size = RecordBatches.checkedSizeAt(bytes, position, bytes.limit());
            } catch (CorruptRecordException e) {
                out.println("Found " + (bytes.limit() - position) + " invalid bytes at position " + position + ": "
                        + e.getMessage());
                problems++;
                break;
            }
            RecordBatch batch = RecordBatch.wrap(bytes.duplicate().position(position));
            boolean valid = batch.isValid();
            problems += valid ? 0 : 1;
            out.println(describe(batch, position, valid));
            if (printData && valid) {
                printRecords(batch, out);
            }
            maxTimestamp = Math.max(maxTimestamp, batch.maxTimestamp());
            batchEnds.put(position, new BatchEnd(batch.lastOffset(), maxTimestamp));
            position += size;
        }
        if (verifyIndex) {
            problems += verifyIndexes(file, batchEnds, out);
        }
        return problems;
    }

    private static String describe(RecordBatch batch, int position, boolean valid) {
        String codec;
        try {
            codec = batch.compression().configName();
        } catch (CorruptRecordException e) {
            codec = "unknown";
        }
        return "baseOffset: " + batch.baseOffset() + " lastOffset: " + batch.lastOffset() + " count: "
                + batch.recordCount() + " baseSequence: " + batch.baseSequence() + " producerId: " + batch.producerId()
                + " producerEpoch: " + batch.producerEpoch() + " partitionLeaderEpoch: " + batch.partitionLeaderEpoch()
                + " isTransactional: " + batch.isTransactional() + " isControl: " + batch.isControlBatch()
                + " position: " + position + " " + (batch.timestampType().name().equals("CREATE_TIME")
                ? "CreateTime: " : "LogAppendTime: ") + batch.maxTimestamp() + " size: " + batch.sizeInBytes()
                + " magic: " + batch.magic() + " compresscodec: " + codec + " crc: " + batch.crc() + " isvalid: " + valid;
    }

    private static void printRecords(RecordBatch batch, PrintWriter out) {
        try {
            for (Record record : batch) {
                StringBuilder line = new StringBuilder("| offset: ").append(record.offset()).append(" CreateTime: ")
                        .append(record.timestamp()).append(" keySize: ").append(record.key().map(ByteBuffer::remaining)
                                .orElse(-1)).append(" valueSize: ").append(record.value().map(ByteBuffer::remaining).orElse(-1));
                record.headers().forEach(h -> line.append(" header: ").append(h.key()).append('=')
                        .append(h.valueBytes().map(DumpLogCommand::text).orElse("null")));
                line.append(" key: ").append(record.keyBytes().map(DumpLogCommand::text).orElse("null"))
                        .append(" payload: ").append(record.valueBytes().map(DumpLogCommand::text).orElse("null"));
                out.println(line);
            }
        } catch (RuntimeException e) {
            out.println("| records cannot be decoded: " + e.getMessage());
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int verifyIndexes(Path logFile, Map<Integer, BatchEnd> batchEnds, PrintWriter out)
            throws IOException {
        long base = LogFiles.parseLogFileBaseOffset(logFile).orElseThrow(() -> new IllegalArgumentException(
                logFile + " is not named <20-digit base offset>.log"));
        int problems = 0;
        Path index = LogFiles.indexFile(logFile.getParent(), base);
        ByteBuffer entries = Files.exists(index) ? map(index) : ByteBuffer.allocate(0);
        int count = entries.limit() / OffsetIndex.ENTRY_SIZE;
        for (int i = 0; i < count; i++) {
            long offset = base + entries.getInt(i * OffsetIndex.ENTRY_SIZE);
            int position = entries.getInt(i * OffsetIndex.ENTRY_SIZE + 4);
            BatchEnd end = batchEnds.get(position);
            if (end == null || end.lastOffset() != offset) {
                out.println("Index mismatch: entry " + i + " (offset " + offset + ", position " + position
                        + ") but the batch there " + (end == null ? "does not exist" : "ends at " + end.lastOffset()));
                problems++;
            }
        }
        problems += entries.limit() % OffsetIndex.ENTRY_SIZE == 0 ? 0 : reportPartial(index, out);
        problems += verifyTimeIndex(LogFiles.timeIndexFile(logFile.getParent(), base), base, batchEnds, out);
        out.println((problems == 0 ? "Index ok: " : "Index problems: ") + count + " offset index entries in " + index);
        return problems;
    }

    private static int verifyTimeIndex(Path timeIndex, long base, Map<Integer, BatchEnd> batchEnds, PrintWriter out)
            throws IOException {
        ByteBuffer entries = Files.exists(timeIndex) ? map(timeIndex) : ByteBuffer.allocate(0);
        Map<Long, Long> maxTimestampAtOffset = new HashMap<>();
        batchEnds.values().forEach(e -> maxTimestampAtOffset.put(e.lastOffset(), e.maxTimestampSoFar()));
        int problems = 0;
        for (int i = 0; i < entries.limit() / TimeIndex.ENTRY_SIZE; i++) {
            long timestamp = entries.getLong(i * TimeIndex.ENTRY_SIZE);
            long offset = base + entries.getInt(i * TimeIndex.ENTRY_SIZE + 8);
            Long expected = maxTimestampAtOffset.get(offset);
            if (expected == null || expected < timestamp) {
                out.println("Time index mismatch: entry " + i + " (timestamp " + timestamp + ", offset " + offset
                        + ") but the largest timestamp up to that offset is " + expected);
                problems++;
            }
        }
        return problems + (entries.limit() % TimeIndex.ENTRY_SIZE == 0 ? 0 : reportPartial(timeIndex, out));
    }

    private static int reportPartial(Path file, PrintWriter out) {
        out.println("Index " + file + " ends with a partial entry");
        return 1;
    }

    private static ByteBuffer map(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
    }
}
