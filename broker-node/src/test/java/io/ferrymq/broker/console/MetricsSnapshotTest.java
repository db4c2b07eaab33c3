package io.ferrymq.broker.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.broker.metrics.BrokerMetricNames;
import io.ferrymq.broker.metrics.BrokerMetrics;
import io.ferrymq.broker.metrics.JsonMetricsWriter;
import io.ferrymq.common.TopicPartition;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetricsSnapshotTest {

    @Test
    void readsLogSizesMeterCountsAndTheZooKeeperStateFromWhatTheAdminServerWrites() {
        TopicPartition tp = new TopicPartition("t", 0);
        try (BrokerMetrics metrics = new BrokerMetrics()) {
            metrics.registerLogSize(tp, () -> 4096L);
            metrics.registerZooKeeperSessionState(() -> "CONNECTED");
            metrics.recordMessagesIn("t", 3, 300);

            MetricsSnapshot s = MetricsSnapshot.parse("test", JsonMetricsWriter.write(metrics.registry())
                    .getBytes(StandardCharsets.UTF_8), 42);

            assertThat(s.timeMs()).isEqualTo(42);
            assertThat(s.gauge(BrokerMetricNames.logSize(tp).encode())).contains(4096.0);
            assertThat(s.zooKeeperState()).contains("CONNECTED");
            assertThat(s.meterCounts()).containsEntry(
                    BrokerMetricNames.forTopic(BrokerMetricNames.MESSAGES_IN, "t").encode(), 3L);
        }
    }

    @Test
    void aBodyThatIsNotJsonIsNamed() {
        assertThatThrownBy(() -> MetricsSnapshot.parse("http://b:1/metrics.json", "nope".getBytes(StandardCharsets.UTF_8), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("http://b:1/metrics.json");
    }
}
