package io.ferrymq.broker.cli;

import io.ferrymq.broker.log.LogConfig;
import io.ferrymq.broker.log.LogReadInfo;
import io.ferrymq.broker.log.PartitionLog;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.RecordBatchBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry perf-log [--size-mb N] [--batch-bytes B] [--record-bytes R] [--dir D]}: the log
 * benchmark. Builds one batch of R-byte records filling B bytes, then in one run (1) writes N MiB
 * of those bytes with a plain {@code FileChannel} loop, (2) appends the same number of batches
 * through {@link PartitionLog#appendAsLeader} (validation, offset assignment, indexing included),
 * (3) reads the log back from the page cache through {@link PartitionLog#read} into a buffer,
 * (4) repeats the plain write (the plain figure is the mean of both, so neither side pays alone
 * for the page cache's writeback of the other's data), and prints MB/s (10^6 bytes) for each, by wall clock and per CPU-second of the benchmark thread
 * (the latter is meaningful on a busy machine). Files go to a fresh temporary directory, deleted
 * at the end.
 */
@Command(name = "perf-log", mixinStandardHelpOptions = true,
        description = "Benchmark the partition log: append and read vs a plain FileChannel write.")
public final class PerfLogCommand implements Callable<Integer> {

    private static final int READ_BYTES = 1024 * 1024;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Bytes moved, wall-clock seconds and CPU seconds of one phase. */
    private record Phase(long bytes, double wallSeconds, double cpuSeconds) {
        double wallRate() {
            return bytes / Math.max(1e-9, wallSeconds);
        }

        double cpuRate() {
            return bytes / Math.max(1e-9, cpuSeconds);
        }

        static Phase since(long bytes, long startNanos, long startCpuNanos) {
            return new Phase(bytes, (System.nanoTime() - startNanos) / 1e9,
                    (THREADS.getCurrentThreadCpuTime() - startCpuNanos) / 1e9);
        }
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--size-mb", defaultValue = "1024", description = "MiB to write. Default: ${DEFAULT-VALUE}.")
    private int sizeMb;

    @Option(names = "--batch-bytes", defaultValue = "16384", description = "Batch size. Default: ${DEFAULT-VALUE}.")
    private int batchBytes;

    @Option(names = "--record-bytes", defaultValue = "100", description = "Record value size. Default: ${DEFAULT-VALUE}.")
    private int recordBytes;

    @Option(names = "--dir", description = "Parent directory for the temporary files. Default: java.io.tmpdir.")
    private Path parent;

    @Override
    public Integer call() throws IOException {
        if (sizeMb < 1 || batchBytes < 128 || recordBytes < 0 || recordBytes > batchBytes - 128) {
            throw new IllegalArgumentException("need --size-mb >= 1, --batch-bytes >= 128, 0 <= --record-bytes <= batch - 128");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory(parent == null ? Path.of(System.getProperty("java.io.tmpdir")) : parent,
                "ferry-perf-log");
        try {
            ByteBuffer batch = templateBatch();
            long batches = Math.max(1, ((long) sizeMb << 20) / batch.remaining());
            long bytes = batches * batch.remaining();
            out.printf("perf-log: %d batches of %d bytes (%d records of %d bytes each), %.1f MB in %s%n", batches,
                    batch.remaining(), recordsIn(batch), recordBytes, bytes / 1e6, dir);
            out.flush();
            Phase plainBefore = plainWrite(dir.resolve("plain.bin"), batch, batches);
            Files.delete(dir.resolve("plain.bin"));
            Phase append;
            Phase read;
            try (PartitionLog log = PartitionLog.open(dir.resolve("perf-0"), LogConfig.defaults(dir),
                    Clock.systemUTC(), 0L, true)) {
                append = append(log, batch, batches);
                read = read(log);
            }
            deleteRecursively(dir.resolve("perf-0"));
            Phase plainAfter = plainWrite(dir.resolve("plain.bin"), batch, batches);
            Phase plain = new Phase(plainBefore.bytes(), (plainBefore.wallSeconds() + plainAfter.wallSeconds()) / 2,
                    (plainBefore.cpuSeconds() + plainAfter.cpuSeconds()) / 2);
            out.printf("plain FileChannel write: %8.1f MB/s wall (%.1f before, %.1f after the log), %8.1f MB per CPU-second%n",
                    plain.wallRate() / 1e6, plainBefore.wallRate() / 1e6, plainAfter.wallRate() / 1e6,
                    plain.cpuRate() / 1e6);
            out.printf("PartitionLog append:     %8.1f MB/s wall, %8.1f MB per CPU-second (%.0f%% / %.0f%% of plain)%n",
                    append.wallRate() / 1e6, append.cpuRate() / 1e6, 100 * append.wallRate() / plain.wallRate(),
                    100 * append.cpuRate() / plain.cpuRate());
            out.printf("PartitionLog read:       %8.2f GB/s wall, %8.2f GB per CPU-second (page cache)%n",
                    read.wallRate() / 1e9, read.cpuRate() / 1e9);
            return 0;
        } finally {
            deleteRecursively(dir);
        }
    }

    private ByteBuffer templateBatch() {
        byte[] value = new byte[recordBytes];
        new Random(42).nextBytes(value);
        ByteBuffer valueBuffer = ByteBuffer.wrap(value);
        RecordBatchBuilder builder = RecordBatchBuilder.allocate(batchBytes, CompressionType.NONE);
        long now = System.currentTimeMillis();
        while (builder.recordCount() == 0 || builder.hasRoomFor(null, valueBuffer, List.of(), batchBytes)) {
            builder.append(now, null, valueBuffer, List.of());
        }
        builder.build();
        return builder.buffer().flip();
    }

    private static int recordsIn(ByteBuffer batch) {
        return io.ferrymq.common.record.RecordBatch.wrap(batch).recordCount();
    }

    /** A plain positional FileChannel write loop of the same bytes. */
    private static Phase plainWrite(Path file, ByteBuffer batch, long batches) throws IOException {
        long start = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long position = 0;
            for (long i = 0; i < batches; i++) {
                ByteBuffer source = batch.duplicate();
                while (source.hasRemaining()) {
                    position += channel.write(source, position);
                }
            }
        }
        return Phase.since(batches * batch.remaining(), start, cpu);
    }

    /** Appends through the partition log (the buffer is reused: the log only rewrites offset and epoch). */
    private static Phase append(PartitionLog log, ByteBuffer batch, long batches) {
        long start = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        for (long i = 0; i < batches; i++) {
            log.appendAsLeader(batch, 0);
        }
        return Phase.since(batches * batch.remaining(), start, cpu);
    }

    /** Reads the log back into a direct buffer. */
    private static Phase read(PartitionLog log) {
        ByteBuffer target = ByteBuffer.allocateDirect(READ_BYTES * 2);
        long offset = 0;
        long total = 0;
        long start = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        while (offset < log.logEndOffset()) {
            LogReadInfo info = log.read(offset, READ_BYTES, Long.MAX_VALUE, true);
            target.clear();
            if (info.records().size() > target.capacity()) {
                target = ByteBuffer.allocateDirect(info.records().size());
            }
            info.records().readInto(target);
            total += info.records().size();
            offset = info.nextOffset();
        }
        return Phase.since(total, start, cpu);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
