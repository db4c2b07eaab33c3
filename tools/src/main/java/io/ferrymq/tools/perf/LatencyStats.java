package io.ferrymq.tools.perf;

import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Latency and throughput of acknowledged sends, like the {@code Stats} of Kafka's producer
 * performance tool: every completed send is {@link #record recorded} (latency in microseconds,
 * into an HdrHistogram with 3 significant digits up to one hour); a progress line is printed for
 * each reporting window (default 5 s) when a send completes after the window has ended; the
 * {@link #summary} covers the whole run since construction. Failed sends are counted apart. Recording
 * allocates nothing (it runs once per record on the producer's I/O thread).
 *
 * <p>Thread-safe (the producer's I/O thread records, the main thread reads the summary).
 */
public final class LatencyStats {

    private static final long MAX_TRACKED_MICROS = 3_600_000_000L;

    private final LongSupplier nowMs;
    private final Consumer<String> out;
    private final long reportingIntervalMs;
    private final long startMs;
    private final Histogram histogram = new Histogram(MAX_TRACKED_MICROS, 3);
    private long records;
    private long bytes;
    private long failures;
    private long totalLatencyMicros;
    private long maxLatencyMicros;
    private long windowStartMs;
    private long windowRecords;
    private long windowBytes;
    private long windowLatencyMicros;
    private long windowMaxLatencyMicros;

    public LatencyStats(LongSupplier nowMs, Consumer<String> out, long reportingIntervalMs) {
        this.nowMs = nowMs;
        this.out = out;
        this.reportingIntervalMs = reportingIntervalMs;
        this.startMs = nowMs.getAsLong();
        this.windowStartMs = startMs;
    }

    /** One acknowledged send of {@code size} bytes that took {@code latencyMicros}. */
    public synchronized void record(long latencyMicros, int size) {
        long latency = Math.min(Math.max(latencyMicros, 0), MAX_TRACKED_MICROS);
        histogram.recordValue(latency);
        records++;
        bytes += size;
        totalLatencyMicros += latency;
        maxLatencyMicros = Math.max(maxLatencyMicros, latency);
        windowRecords++;
        windowBytes += size;
        windowLatencyMicros += latency;
        windowMaxLatencyMicros = Math.max(windowMaxLatencyMicros, latency);
        long now = nowMs.getAsLong();
        if (now - windowStartMs >= reportingIntervalMs) {
            out.accept(ProduceSummary.progress(windowRecords, windowBytes, now - windowStartMs,
                    millis(windowLatencyMicros) / windowRecords, millis(windowMaxLatencyMicros)));
            windowStartMs = now;
            windowRecords = 0;
            windowBytes = 0;
            windowLatencyMicros = 0;
            windowMaxLatencyMicros = 0;
        }
    }

    public synchronized void recordFailure() {
        failures++;
    }

    public synchronized long failures() {
        return failures;
    }

    /** Totals since construction, in Kafka's units. */
    public synchronized ProduceSummary summary() {
        double seconds = Math.max(nowMs.getAsLong() - startMs, 1) / 1000.0;
        double avg = records == 0 ? 0 : millis(totalLatencyMicros) / records;
        return new ProduceSummary(records, records / seconds, bytes / seconds / (1024.0 * 1024.0), avg,
                millis(maxLatencyMicros), percentileMs(50), percentileMs(95), percentileMs(99), percentileMs(99.9));
    }

    private long percentileMs(double percentile) {
        return records == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000L;
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
