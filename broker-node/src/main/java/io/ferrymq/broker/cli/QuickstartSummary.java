package io.ferrymq.broker.cli;

import java.time.Duration;

/** Formats the quickstart's produce and consume figures (records/s, MB/s, latency percentiles). Stateless. */
final class QuickstartSummary {

    private QuickstartSummary() {
    }

    static String produced(QuickstartWorkload.ProduceResult r, int messageSize) {
        String line = String.format("Produced %,d messages in %.2f s: %s; ack latency p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                r.acknowledged(), seconds(r.elapsed()), rate(r.acknowledged(), messageSize, r.elapsed()),
                r.latencyMicros().getValueAtPercentile(50) / 1000.0, r.latencyMicros().getValueAtPercentile(99) / 1000.0,
                r.latencyMicros().getMaxValue() / 1000.0);
        return r.failed() == 0 ? line : line + String.format("%n  %,d sends FAILED (first error: %s)", r.failed(), r.firstError());
    }

    static String consumed(QuickstartWorkload.ConsumeResult r, int messageSize) {
        return String.format("Consumed %,d distinct messages (%,d duplicates) from %d partitions in %.2f s: %s",
                r.distinct(), r.duplicates(), r.partitionsRead(), seconds(r.elapsed()), rate(r.distinct(), messageSize, r.elapsed()));
    }

    static String rate(long records, int size, Duration elapsed) {
        double s = Math.max(seconds(elapsed), 1e-3);
        return String.format("%,.0f records/s, %.2f MB/s", records / s, records * (double) size / s / (1024 * 1024));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
