package io.ferrymq.tools.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PerfFormatTest {

    @Test
    void finalLineHasKafkaProducerPerformanceShape() {
        ProduceSummary summary = new ProduceSummary(2_000_000, 63335.123456, 6.04, 4119.5, 6850, 3826, 6115, 6698, 6818);
        assertThat(summary.format()).isEqualTo("2000000 records sent, 63335.123456 records/sec (6.04 MB/sec), "
                + "4119.50 ms avg latency, 6850.00 ms max latency, 3826 ms 50th, 6115 ms 95th, 6698 ms 99th, 6818 ms 99.9th.");
    }

    @Test
    void progressLineReportsTheWindowRate() {
        assertThat(ProduceSummary.progress(100_000, 100_000 * 100L, 5_000, 12.34, 56.78))
                .isEqualTo("100000 records sent, 20000.0 records/sec (1.91 MB/sec), 12.3 ms avg latency, 56.8 ms max latency.");
    }

    @Test
    void statsSummarizeLatenciesAndPrintOneLinePerWindow() {
        AtomicLong now = new AtomicLong(10_000);
        List<String> lines = new ArrayList<>();
        LatencyStats stats = new LatencyStats(now::get, lines::add, 5_000);
        for (int i = 1; i <= 100; i++) {
            stats.record(i * 1_000L, 100);
        }
        assertThat(lines).isEmpty();
        now.addAndGet(5_000);
        stats.record(200_000L, 100);
        assertThat(lines).hasSize(1).first().asString().startsWith("101 records sent, 20.2 records/sec");
        now.addAndGet(5_000);
        ProduceSummary summary = stats.summary();
        assertThat(summary.records()).isEqualTo(101);
        assertThat(summary.recordsPerSec()).isEqualTo(10.1);
        assertThat(summary.p50Ms()).isEqualTo(51);
        assertThat(summary.p99Ms()).isEqualTo(100);
        assertThat(summary.p999Ms()).isEqualTo(200);
        assertThat(summary.maxLatencyMs()).isEqualTo(200.0);
        assertThat(summary.avgLatencyMs()).isEqualTo((5050.0 + 200.0) / 101);
    }

    @Test
    void failuresAreCountedApart() {
        LatencyStats stats = new LatencyStats(() -> 0L, line -> { }, 5_000);
        stats.recordFailure();
        assertThat(stats.failures()).isEqualTo(1);
        assertThat(stats.summary().records()).isZero();
        assertThat(stats.summary().p99Ms()).isZero();
    }

    @Test
    void consumerRowHasKafkaConsumerPerformanceShape() {
        long start = 1_796_000_000_000L;
        ConsumeSummary summary = new ConsumeSummary(start, start + 10_000, 4_000_000L * 100, 4_000_000, 2_000);
        assertThat(ConsumeSummary.HEADER.split(", ")).hasSize(10);
        String[] row = summary.format().split(", ");
        assertThat(row).hasSize(10);
        assertThat(row[0]).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d:\\d{3}");
        assertThat(row[2]).isEqualTo("381.4697");
        assertThat(row[3]).isEqualTo("38.1470");
        assertThat(row[4]).isEqualTo("4000000");
        assertThat(row[5]).isEqualTo("400000.0000");
        assertThat(row[6]).isEqualTo("2000");
        assertThat(row[7]).isEqualTo("8000");
        assertThat(row[8]).isEqualTo("47.6837");
        assertThat(row[9]).isEqualTo("500000.0000");
    }
}
