package io.ferrymq.it.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.BrokerProcess;
import io.ferrymq.broker.cluster.FreePorts;
import io.ferrymq.broker.cluster.TopicAdmin;
import io.ferrymq.client.common.serialization.StringSerializer;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.Producer;
import io.ferrymq.client.producer.ProducerRecord;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest.TopicSpec;
import io.ferrymq.it.harness.FerryCluster;
import io.ferrymq.it.harness.FerryLauncher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees of real broker processes, on one 3-broker cluster: /health/live and /health/ready,
 * /metrics counters that move with produced messages, and {@code bin/ferry cluster health} exiting 0 with
 * every broker up, 2 with one killed, 0 again once it is back; 1 when no broker answers.
 */
class OperatorSurfaceIT {

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

    private FerryLauncher.Result health(String name, String bootstrap) {
        return FerryLauncher.run(work, name, Duration.ofSeconds(60),
                "cluster", "health", "--bootstrap-server", bootstrap, "--expected-brokers", "3", "--timeout-ms", "3000");
    }

    @Test
    void healthEndpointsMetricsAndClusterHealthOfRealBrokers() throws Exception {
        try (FerryCluster cluster = FerryCluster.builder(work.resolve("cluster")).brokers(3)
                .brokerConfig("replica.lag.time.max.ms", "4000").start()) {
            for (BrokerProcess b : cluster.brokers()) {
                assertThat(get(b, "/health/live").statusCode()).isEqualTo(200);
                assertThat(get(b, "/health/ready").statusCode()).isEqualTo(200);
            }
            assertThat(sum(cluster, "ferry_broker_topic_metrics_messages_in_per_sec_total")).isZero();
            TopicAdmin.createTopic(cluster.bootstrapServers(), new TopicSpec(TOPIC, 3, (short) 3, Map.of()), Duration.ofSeconds(30));
            TopicAdmin.awaitFullyReplicated(cluster.bootstrapServers(), TOPIC, 3, Duration.ofSeconds(60));

            produce(cluster.bootstrapServers(), 1_000);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(sum(cluster, "ferry_broker_topic_metrics_messages_in_per_sec_total\\{topic=\"" + TOPIC + "\"\\}"))
                        .isEqualTo(1_001);
                assertThat(sum(cluster, "ferry_broker_topic_metrics_bytes_in_per_sec_total\\{topic=\"" + TOPIC + "\"\\}"))
                        .isGreaterThan(1_001 * 10);
                assertThat(sum(cluster, "ferry_request_metrics_total_time_ms_count\\{request=\"Produce\"\\}")).isPositive();
                assertThat(sum(cluster, "ferry_replica_manager_leader_count")).isEqualTo(3);
                assertThat(sum(cluster, "ferry_replica_manager_partition_count")).isEqualTo(9);
                assertThat(sum(cluster, "ferry_replica_manager_under_replicated_partitions")).isZero();
                assertThat(sum(cluster, "ferry_log_size\\{topic=\"" + TOPIC + "\",partition=\"\\d\"\\}"))
                        .as("3 replicas of every produced byte").isGreaterThan(3L * 1_001 * 10);
            });
            assertThat(sum(cluster, "ferry_session_expire_listener_session_state_info\\{value=\"CONNECTED\"\\}"))
                    .isEqualTo(3);
            assertThat(sum(cluster, "ferry_jvm_memory_heap_used")).isPositive();
            assertThat(get(cluster.broker(1), "/metrics.json").body()).contains("\"BrokerTopicMetrics.MessagesInPerSec\":{\"count\":");

            clusterHealthFollowsABrokerDownAndBack(cluster);
        }
    }

    private static void produce(String bootstrap, int messages) throws Exception {
        try (Producer<String, String> producer = new FerryProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all"),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < messages; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "k" + i, "value-" + i));
            }
            producer.flush();
            producer.send(new ProducerRecord<>(TOPIC, "last", "last")).get(60, TimeUnit.SECONDS);
        }
    }

    private void clusterHealthFollowsABrokerDownAndBack(FerryCluster cluster) {
        FerryLauncher.Result up = health("up", cluster.bootstrapServers());
        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(up.stdout()).containsPattern("Healthy:\\s+true");

        cluster.kill9(3);
        String survivors = cluster.broker(1).address() + "," + cluster.broker(2).address();
        AtomicReference<FerryLauncher.Result> down = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .until(() -> health("down", survivors), r -> {
                    down.set(r);
                    return r.exitCode() == 2;
                });
        assertThat(down.get().stdout()).containsPattern("Healthy:\\s+false").containsPattern("Down brokers:\\s+\\[3\\]");

        cluster.start(3);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .until(() -> health("again", cluster.bootstrapServers()).exitCode() == 0);
    }

    @Test
    void clusterHealthWithNoReachableBrokerIsAnErrorWithAOneLineReason() {
        FerryLauncher.Result r = health("nobody", "127.0.0.1:" + FreePorts.pick());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).contains("no broker answered a Metadata request");
    }
}
