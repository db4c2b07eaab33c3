package io.ferrymq.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.TopicPartition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrometheusTextWriterTest {

    @Test
    void snakeCasesKafkaNames() {
        assertThat(PrometheusTextWriter.familyName(BrokerMetricNames.UNDER_REPLICATED))
                .isEqualTo("ferry_replica_manager_under_replicated_partitions");
        assertThat(PrometheusTextWriter.snake("TotalTimeMs")).isEqualTo("total_time_ms");
        assertThat(PrometheusTextWriter.snake("memory.heap.used")).isEqualTo("memory_heap_used");
    }

    @Test
    void writesEachFamilyOnceWithTypeAndLabels() {
        BrokerMetrics metrics = new BrokerMetrics();
        metrics.recordMessagesIn("a", 4, 40);
        metrics.recordMessagesIn("b\"x", 1, 10);
        metrics.produceRequest().update(Duration.ofMillis(3));
        metrics.registerConsumerLag("g1", new TopicPartition("a", 0), () -> 17);
        metrics.registerZooKeeperSessionState(() -> "CONNECTED");

        String text = PrometheusTextWriter.write(metrics.registry());

        assertThat(text).containsOnlyOnce("# TYPE ferry_broker_topic_metrics_bytes_in_per_sec_total counter\n");
        assertThat(text).contains("ferry_broker_topic_metrics_bytes_in_per_sec_total 50\n");
        assertThat(text).contains("ferry_broker_topic_metrics_bytes_in_per_sec_total{topic=\"a\"} 40\n");
        assertThat(text).contains("ferry_broker_topic_metrics_bytes_in_per_sec_total{topic=\"b\\\"x\"} 10\n");
        assertThat(text).contains("# TYPE ferry_request_metrics_total_time_ms summary\n");
        assertThat(text).contains("ferry_request_metrics_total_time_ms{request=\"Produce\",quantile=\"0.99\"} 3\n");
        assertThat(text).contains("ferry_request_metrics_total_time_ms_count{request=\"Produce\"} 1\n");
        assertThat(text).contains("ferry_consumer_group_metrics_consumer_lag{group=\"g1\",topic=\"a\",partition=\"0\"} 17\n");
        assertThat(text).contains("ferry_session_expire_listener_session_state_info{value=\"CONNECTED\"} 1\n");
        assertThat(text.lines().filter(l -> !l.startsWith("#")))
                .allMatch(l -> l.matches("[a-z_][a-z0-9_]*(\\{.*\\})? \\S+"), "sample line syntax");
    }
}
