import io.ferrymq.tools.perf.ThroughputThrottler;
import io.ferrymq.client.common.serialization.ByteArraySerializer;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.ProducerRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-record latency probe for a throttled producer, the shape of workload e): sends N keyless
 * 100-byte records to topic {@code bench} at RATE records/s with Kafka's throttler, stamps each
 * record's send() and acknowledgement with System.nanoTime(), and prints the latency percentiles
 * after warm-up (the first 40 % of records are skipped), how records were batched (records of one
 * batch are acknowledged together), and with TIMELINE=1 the first 1.2 s in 20 ms windows.
 *
 * <p>Run against a cluster, e.g. from bench/run.sh:
 * {@code WORKLOADS=x XCMD='java -Dlogback.configurationFile=conf/logback-tools.xml -cp "$LIB/*" bench/BatchLatency.java "$BOOTSTRAP" all 5 300000 20000' bench/run.sh}
 * (arguments: bootstrap servers, acks, linger.ms, records, records/s).
 */
public class BatchLatency {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int n = Integer.parseInt(args[3]);
        long rate = Long.parseLong(args[4]);
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", args[1]);
        props.put("linger.ms", args[2]);
        long[] sent = new long[n];
        long[] acked = new long[n];
        int[] partition = new int[n];
        try (FerryProducer<byte[], byte[]> producer = new FerryProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            byte[] payload = new byte[100];
            ThroughputThrottler throttler = ThroughputThrottler.systemTime(rate, System.currentTimeMillis());
            for (int i = 0; i < n; i++) {
                int index = i;
                sent[i] = System.nanoTime();
                producer.send(new ProducerRecord<>("bench", payload), (metadata, error) -> {
                    acked[index] = System.nanoTime();
                    partition[index] = error == null ? metadata.partition() : -1;
                });
                if (throttler.shouldThrottle(i + 1, System.currentTimeMillis())) {
                    throttler.throttle();
                }
            }
            producer.flush();
        }
        if (System.getenv("TIMELINE") != null) {
            timeline(sent, acked);
        }
        int from = n * 4 / 10;
        long[] latency = new long[n - from];
        for (int i = from; i < n; i++) {
            latency[i - from] = acked[i] - sent[i];
        }
        Arrays.sort(latency);
        System.out.printf("records %d after warm-up: p50 %.2f ms, p90 %.2f, p99 %.2f%n", latency.length,
                ms(latency[latency.length / 2]), ms(latency[latency.length * 9 / 10]), ms(latency[latency.length * 99 / 100]));
        batches(sent, acked, partition, from);
    }

    /** Consecutive records of one partition acknowledged within 30 µs of each other form one batch. */
    private static void batches(long[] sent, long[] acked, int[] partition, int from) {
        List<double[]> batches = new ArrayList<>();
        int i = from;
        while (i < sent.length) {
            int j = i;
            while (j + 1 < sent.length && Math.abs(acked[j + 1] - acked[j]) < 30_000 && partition[j + 1] == partition[i]) {
                j++;
            }
            batches.add(new double[] {j - i + 1, ms(acked[i] - sent[i]), ms(acked[j] - sent[j])});
            i = j + 1;
        }
        double[] size = batches.stream().mapToDouble(b -> b[0]).sorted().toArray();
        double[] first = batches.stream().mapToDouble(b -> b[1]).sorted().toArray();
        double[] last = batches.stream().mapToDouble(b -> b[2]).sorted().toArray();
        System.out.printf("batches %d: records per batch p50 %.0f, mean %.1f; latency of a batch's first record p50 %.2f ms,"
                + " of its last %.2f ms%n", batches.size(), size[size.length / 2], Arrays.stream(size).average().orElse(0),
                first[first.length / 2], last[last.length / 2]);
    }

    private static void timeline(long[] sent, long[] acked) {
        long base = sent[0];
        for (int window = 0; window < 60; window++) {
            long low = base + window * 20_000_000L;
            long high = low + 20_000_000L;
            int count = 0;
            double sum = 0;
            double max = 0;
            for (int q = 0; q < sent.length && sent[q] < high; q++) {
                if (sent[q] >= low) {
                    double latency = ms(acked[q] - sent[q]);
                    count++;
                    sum += latency;
                    max = Math.max(max, latency);
                }
            }
            System.out.printf("t=%4d ms: sent %5d, avg %6.1f ms, max %6.1f ms%n", window * 20, count,
                    count == 0 ? 0 : sum / count, max);
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
