import io.ferrymq.client.common.serialization.ByteArrayDeserializer;
import io.ferrymq.client.common.serialization.ByteArraySerializer;
import io.ferrymq.client.consumer.ConsumerRecord;
import io.ferrymq.client.consumer.FerryConsumer;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.ProducerRecord;
import io.ferrymq.common.PartitionInfo;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.tools.perf.ThroughputThrottler;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak of issue 23 (run by bench/soak.sh inside bench/run.sh's cluster): acks=all at RATE records/s
 * for SECONDS, 100-byte records whose first 8 bytes are a sequence number, with a reader in the same JVM
 * that consumes the topic along (all partitions assigned, from the beginning) and marks every sequence
 * it sees. Once a minute it writes one CSV row: the acknowledged latency percentiles of the records sent
 * in that minute (0.1 ms buckets), sent / acknowledged / failed counts, and per broker the heap after GC
 * (the lowest after-GC heap of the minute's GC pauses in logs/broker-i.gc.log, -Xlog:gc), open
 * descriptors (all, and those into the broker's data directory) and threads (/proc). At the end it drains
 * the reader to the partitions' end offsets and prints how many acknowledged records it never saw (lost)
 * and how many it saw twice.
 *
 * <p>Arguments: bootstrap topic rate seconds csv-path pids-file base-dir (pids-file: ZooKeeper's PID,
 * then broker 0, 1, 2, as bench/run.sh records them). Single-threaded apart from the producer's callback
 * thread (the histograms and the acknowledged set, under their monitors) and the reader thread (the seen set).
 */
public class Soak {

    private static final int BUCKETS = 100_000; // 0.1 ms each: up to 10 s, the rest in the last bucket
    private static final Pattern GC_PAUSE = Pattern.compile("Pause.*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        long rate = Long.parseLong(args[2]);
        int seconds = Integer.parseInt(args[3]);
        Path csv = Path.of(args[4]);
        List<Long> brokers = Files.readAllLines(Path.of(args[5])).stream().skip(1).filter(s -> !s.isBlank())
                .map(Long::parseLong).toList();
        Path base = Path.of(args[6]);
        int minutes = (seconds + 59) / 60;
        int[][] histograms = new int[minutes + 1][BUCKETS];
        long[] sentPerMinute = new long[minutes + 1];
        long[] failedPerMinute = new long[minutes + 1];
        long total = rate * seconds;
        BitSet acked = new BitSet((int) total);
        BitSet seen = new BitSet((int) total);
        AtomicLong duplicates = new AtomicLong();
        AtomicBoolean producing = new AtomicBoolean(true);
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        props.put("linger.ms", "5");
        Map<String, Object> consumerProps = new HashMap<>();
        consumerProps.put("bootstrap.servers", bootstrap);
        consumerProps.put("auto.offset.reset", "earliest");
        consumerProps.put("enable.auto.commit", "false");
        GcLogs gc = new GcLogs(base, brokers.size());
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv));
             FerryConsumer<byte[], byte[]> consumer = new FerryConsumer<>(consumerProps, new ByteArrayDeserializer(),
                     new ByteArrayDeserializer())) {
            StringBuilder header = new StringBuilder("minute,sent,acked,failed,p50_ms,p99_ms,p999_ms,max_ms");
            for (int b = 0; b < brokers.size(); b++) {
                header.append(",b").append(b).append("_heap_after_gc_mb,b").append(b).append("_fds,b").append(b)
                        .append("_fds_data,b").append(b).append("_threads");
            }
            out.println(header);
            out.flush();
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Thread reader = new Thread(() -> read(consumer, seen, duplicates, producing, partitions), "soak-reader");
            try (FerryProducer<byte[], byte[]> producer = new FerryProducer<>(props, new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                reader.start();
                long start = System.nanoTime();
                ThroughputThrottler throttler = ThroughputThrottler.systemTime(rate, System.currentTimeMillis());
                int reported = 0;
                for (long i = 0; i < total; i++) {
                    long sentAt = System.nanoTime();
                    int minute = (int) Math.min(minutes, (sentAt - start) / 60_000_000_000L);
                    while (reported < minute - 1) { // minute m is reported once m + 1 is over: its acks are in
                        row(out, reported, sentPerMinute, failedPerMinute, histograms, brokers, gc, base);
                        reported++;
                    }
                    sentPerMinute[minute]++;
                    byte[] value = new byte[100];
                    ByteBuffer.wrap(value).putLong(i);
                    int sequence = (int) i;
                    producer.send(new ProducerRecord<>(topic, value), (metadata, error) -> {
                        long micros = (System.nanoTime() - sentAt) / 1000;
                        if (error != null) {
                            synchronized (failedPerMinute) {
                                failedPerMinute[minute]++;
                            }
                            return;
                        }
                        synchronized (acked) {
                            acked.set(sequence);
                        }
                        synchronized (histograms[minute]) {
                            histograms[minute][(int) Math.min(BUCKETS - 1, micros / 100)]++;
                        }
                    });
                    if (throttler.shouldThrottle(i + 1, System.currentTimeMillis())) {
                        throttler.throttle();
                    }
                }
                producer.flush();
                while (reported < minutes) {
                    row(out, reported, sentPerMinute, failedPerMinute, histograms, brokers, gc, base);
                    reported++;
                }
            }
            producing.set(false);
            reader.join(Duration.ofMinutes(10).toMillis());
            if (reader.isAlive()) {
                reader.interrupt();
                System.out.println("soak: the reader did not reach the end offsets within 10 minutes");
            }
        }
        BitSet lost;
        synchronized (acked) {
            lost = (BitSet) acked.clone();
        }
        int ackedCount = lost.cardinality();
        lost.andNot(seen);
        System.out.printf("soak.acked=%d%nsoak.seen=%d%nsoak.lost=%d%nsoak.duplicates=%d%n", ackedCount, seen.cardinality(),
                lost.cardinality(), duplicates.get());
        if (!lost.isEmpty()) {
            System.out.println("soak.first_lost_sequences=" + lost.stream().limit(10).boxed().toList());
        }
    }

    /** The reader: marks sequences until the producer is done and every partition is read to its end offset. */
    private static void read(FerryConsumer<byte[], byte[]> consumer, BitSet seen, AtomicLong duplicates,
            AtomicBoolean producing, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> end = null;
        while (!Thread.currentThread().isInterrupted()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                int sequence = (int) ByteBuffer.wrap(record.value()).getLong();
                if (seen.get(sequence)) {
                    duplicates.incrementAndGet();
                }
                seen.set(sequence);
            }
            if (!producing.get()) {
                if (end == null) {
                    end = consumer.endOffsets(partitions);
                }
                Map<TopicPartition, Long> target = end;
                if (partitions.stream().allMatch(tp -> consumer.position(tp) >= target.get(tp))) {
                    return;
                }
            }
        }
    }

    private static void row(PrintWriter out, int minute, long[] sent, long[] failed, int[][] histograms,
            List<Long> brokers, GcLogs gc, Path base) throws IOException {
        int[] histogram;
        synchronized (histograms[minute]) {
            histogram = histograms[minute].clone();
        }
        long acked = 0;
        for (int count : histogram) {
            acked += count;
        }
        long failures;
        synchronized (failed) {
            failures = failed[minute];
        }
        StringBuilder row = new StringBuilder().append(minute + 1).append(',').append(sent[minute]).append(',')
                .append(acked).append(',').append(failures);
        for (double q : new double[] {0.50, 0.99, 0.999, 1.0}) {
            row.append(',').append(String.format("%.1f", percentile(histogram, acked, q)));
        }
        for (int b = 0; b < brokers.size(); b++) {
            long pid = brokers.get(b);
            row.append(',').append(gc.minAfterGcMb(b)).append(',').append(fds(pid, null)).append(',')
                    .append(fds(pid, base.resolve("broker-" + b))).append(',').append(threads(pid));
        }
        out.println(row);
        out.flush();
        System.out.println("soak: " + row);
    }

    private static double percentile(int[] histogram, long count, double q) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (seen >= rank) {
                return (i + 1) / 10.0;
            }
        }
        return histogram.length / 10.0;
    }

    /** Open descriptors of a process, or only those whose target lies under {@code under}; -1 when unreadable. */
    private static long fds(long pid, Path under) {
        try (var stream = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return stream.filter(fd -> {
                if (under == null) {
                    return true;
                }
                try {
                    return Files.readSymbolicLink(fd).startsWith(under);
                } catch (IOException e) {
                    return false; // closed between the listing and the read
                }
            }).count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static long threads(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.exists(status)) {
            return -1;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("Threads:"))
                .mapToLong(l -> Long.parseLong(l.substring(8).trim())).findFirst().orElse(-1);
    }

    /** Reads each broker's GC log from where the previous minute stopped. */
    private static final class GcLogs {
        private final Path base;
        private final long[] positions;

        GcLogs(Path base, int brokers) {
            this.base = base;
            this.positions = new long[brokers];
        }

        /** The lowest heap after a GC pause since the last call, MB; -1 when no pause was logged. */
        long minAfterGcMb(int broker) throws IOException {
            Path log = base.resolve("logs").resolve("broker-" + broker + ".gc.log");
            if (!Files.exists(log)) {
                return -1;
            }
            long min = -1;
            try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                file.seek(positions[broker]);
                String line;
                while ((line = file.readLine()) != null) {
                    Matcher m = GC_PAUSE.matcher(line);
                    if (m.find()) {
                        long after = Long.parseLong(m.group(2));
                        min = min < 0 ? after : Math.min(min, after);
                    }
                }
                positions[broker] = file.getFilePointer();
            }
            return min;
        }
    }
}
