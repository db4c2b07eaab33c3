package io.ferrymq.tools.perf;

import java.util.Locale;

/**
 * The final figures of a producer performance run, printed in the exact shape of Kafka's
 * {@code ProducerPerformance} so the same parsers read both. MB is MiB (2^20 bytes), as in Kafka.
 * Latencies are milliseconds; percentiles are whole milliseconds (Kafka prints them as integers).
 */
public record ProduceSummary(long records, double recordsPerSec, double mbPerSec, double avgLatencyMs,
                             double maxLatencyMs, long p50Ms, long p95Ms, long p99Ms, long p999Ms) {

    /** {@code N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency, P ms 50th, ... 99.9th.} */
    public String format() {
        return String.format(Locale.ROOT, "%d records sent, %f records/sec (%.2f MB/sec), %.2f ms avg latency, "
                        + "%.2f ms max latency, %d ms 50th, %d ms 95th, %d ms 99th, %d ms 99.9th.",
                records, recordsPerSec, mbPerSec, avgLatencyMs, maxLatencyMs, p50Ms, p95Ms, p99Ms, p999Ms);
    }

    /** A 5-second progress line: {@code N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency.} */
    public static String progress(long records, long bytes, long elapsedMs, double avgLatencyMs, double maxLatencyMs) {
        double seconds = Math.max(elapsedMs, 1) / 1000.0;
        return String.format(Locale.ROOT, "%d records sent, %.1f records/sec (%.2f MB/sec), %.1f ms avg latency, "
                        + "%.1f ms max latency.",
                records, records / seconds, bytes / seconds / (1024.0 * 1024.0), avgLatencyMs, maxLatencyMs);
    }
}
