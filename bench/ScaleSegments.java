import io.ferrymq.broker.log.LogConfig;
import io.ferrymq.broker.log.PartitionLog;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.RecordBatchBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The descriptor side of issue 20 without a cluster: one JVM plays a broker's storage with
 * PARTITIONS partition logs under DIR, each given ROUNDS one-record batches with
 * {@code segment.bytes=200} (one segment per batch) and closed cleanly, then all opened again as a
 * restarted broker would, and the first 1,000 read from offset 0 (which opens their old segments,
 * given back after 5 idle minutes in a broker).
 * After each step it prints how many descriptors this process holds ({@code /proc/self/fd}). Run
 * with the broker's jars: {@code java -cp "broker-node/target/lib/*:broker-node/target/ferry-broker-node-*.jar"
 * bench/ScaleSegments.java DIR 10000 3}. A failure (e.g. "Too many open files") is printed with the
 * step and the partition it reached.
 */
public class ScaleSegments {

    /** Partitions read from offset 0 in the last step: their old segments stay open until idle. */
    private static final int READ_PARTITIONS = 1000;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int partitions = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        LogConfig config = LogConfig.defaults(root).withSegmentBytes(200);
        Clock clock = Clock.systemUTC();
        List<PartitionLog> logs = new ArrayList<>();
        String step = "write";
        int at = 0;
        try {
            for (at = 0; at < partitions; at++) {
                PartitionLog log = PartitionLog.open(root.resolve("scale-" + at), config, clock, 0L, true);
                for (int r = 0; r < rounds; r++) {
                    RecordBatchBuilder builder = RecordBatchBuilder.allocate(256, CompressionType.NONE);
                    builder.append(System.currentTimeMillis(), null, "v".repeat(100).getBytes(StandardCharsets.UTF_8),
                            List.of());
                    builder.build();
                    log.appendAsLeader(builder.buffer().flip(), 0);
                }
                log.close();
            }
            report("written (each log closed after its batches)", partitions, segments(root));
            step = "reopen";
            for (at = 0; at < partitions; at++) {
                logs.add(PartitionLog.open(root.resolve("scale-" + at), config, clock, 0L, true));
            }
            report("reopened", partitions, segments(root));
            step = "read";
            long records = 0;
            int readPartitions = Math.min(partitions, READ_PARTITIONS);
            for (at = 0; at < readPartitions; at++) {
                PartitionLog log = logs.get(at);
                long offset = 0;
                while (offset < log.logEndOffset()) {
                    var read = log.read(offset, 1 << 20, Long.MAX_VALUE, true);
                    if (read.records().isEmpty()) {
                        break;
                    }
                    records += read.nextOffset() - offset;
                    offset = read.nextOffset();
                }
            }
            report("read " + readPartitions + " partitions from offset 0 (" + records + " records)", partitions,
                    segments(root));
            step = "close";
            for (PartitionLog log : logs) {
                log.close();
            }
        } catch (RuntimeException | Error e) {
            System.out.println("FAILED at " + step + ", partition " + at + ": " + e + (e.getCause() == null ? ""
                    : " (" + e.getCause() + ")"));
            report("at the failure", partitions, segments(root));
            System.exit(1);
        }
    }

    private static long segments(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).count();
        }
    }

    private static void report(String what, int partitions, long segments) throws IOException {
        long fds;
        try (Stream<Path> list = Files.list(Path.of("/proc/self/fd"))) {
            fds = list.count();
        }
        System.out.printf("%s: partitions=%d segments=%d descriptors=%d%n", what, partitions, segments, fds);
    }
}
