package io.ferrymq.it.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.BrokerProcess;
import io.ferrymq.broker.cluster.TopicAdmin;
import io.ferrymq.client.common.serialization.StringSerializer;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.Producer;
import io.ferrymq.client.producer.ProducerRecord;
import io.ferrymq.client.protocol.requests.CreateTopicsRequest.TopicSpec;
import io.ferrymq.it.harness.FerryCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin HTTP port of real broker processes: readiness, and /metrics counters that move with traffic. */
class AdminEndpointsIT {

    private static final String TOPIC = "scraped";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    private HttpResponse<String> get(BrokerProcess broker, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + broker.adminPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long sum(FerryCluster cluster, String sampleRegex) throws Exception {
        long total = 0;
        for (BrokerProcess b : cluster.brokers()) {
            Matcher m = Pattern.compile("(?m)^" + sampleRegex + " (\\S+)$").matcher(get(b, "/metrics").body());
            while (m.find()) {
                total += (long) Double.parseDouble(m.group(1));
            }
        }
        return total;
    }

    @Test
    void readyBrokersExposeMetricsThatMoveWithProducedMessages() throws Exception {
        try (FerryCluster cluster = FerryCluster.builder(work).brokers(3).start()) {
            for (BrokerProcess b : cluster.brokers()) {
                assertThat(get(b, "/health/live").statusCode()).isEqualTo(200);
                assertThat(get(b, "/health/ready").statusCode()).isEqualTo(200);
            }
            assertThat(sum(cluster, "ferry_broker_topic_metrics_messages_in_per_sec_total")).isZero();
            TopicAdmin.createTopic(cluster.bootstrapServers(), new TopicSpec(TOPIC, 3, (short) 3, Map.of()), Duration.ofSeconds(30));
            TopicAdmin.awaitFullyReplicated(cluster.bootstrapServers(), TOPIC, 3, Duration.ofSeconds(60));

            try (Producer<String, String> producer = new FerryProducer<>(Map.of("bootstrap.servers", cluster.bootstrapServers(),
                    "acks", "all"), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 1_000; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, "k" + i, "value-" + i));
                }
                producer.flush();
                producer.send(new ProducerRecord<>(TOPIC, "last", "last")).get(60, TimeUnit.SECONDS);
            }

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(sum(cluster, "ferry_broker_topic_metrics_messages_in_per_sec_total\\{topic=\"" + TOPIC + "\"\\}"))
                        .isEqualTo(1_001);
                assertThat(sum(cluster, "ferry_broker_topic_metrics_bytes_in_per_sec_total\\{topic=\"" + TOPIC + "\"\\}"))
                        .isGreaterThan(1_001 * 10);
                assertThat(sum(cluster, "ferry_request_metrics_total_time_ms_count\\{request=\"Produce\"\\}")).isPositive();
                assertThat(sum(cluster, "ferry_replica_manager_leader_count")).isEqualTo(3);
                assertThat(sum(cluster, "ferry_replica_manager_partition_count")).isEqualTo(9);
                assertThat(sum(cluster, "ferry_replica_manager_under_replicated_partitions")).isZero();
            });
            assertThat(get(cluster.broker(1), "/metrics.json").body()).contains("\"BrokerTopicMetrics.MessagesInPerSec\":{\"count\":");
        }
    }
}
