package io.ferrymq.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.metrics.BrokerMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminServerTest {

    private final BrokerMetrics metrics = new BrokerMetrics();
    private final AtomicBoolean registered = new AtomicBoolean();
    private final AtomicBoolean loaded = new AtomicBoolean();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private AdminServer server;

    @BeforeEach
    void start() {
        server = AdminServer.start(new AdminServerConfig("127.0.0.1", 0), metrics,
                ReadinessCheck.of(registered::get, loaded::get));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsScrapeShowsCountersThatMoved() throws Exception {
        assertThat(get("/metrics").body()).contains("ferry_broker_topic_metrics_messages_in_per_sec_total 0\n");

        metrics.recordMessagesIn("demo", 100, 12_345);
        metrics.produceRequest().update(Duration.ofMillis(4));

        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> v.startsWith("text/plain; version=0.0.4"));
        assertThat(response.body())
                .contains("ferry_broker_topic_metrics_messages_in_per_sec_total 100\n")
                .contains("ferry_broker_topic_metrics_bytes_in_per_sec_total{topic=\"demo\"} 12345\n")
                .contains("ferry_request_metrics_total_time_ms_count{request=\"Produce\"} 1\n");
    }

    @Test
    void metricsJsonIsServed() throws Exception {
        metrics.recordMessagesIn("demo", 7, 70);
        HttpResponse<String> response = get("/metrics.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"gauges\":{").endsWith("}")
                .contains("\"BrokerTopicMetrics.MessagesInPerSec\":{\"count\":7,");
    }

    @Test
    void readyFlipsOnceRegisteredAndLoaded() throws Exception {
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> notRegistered = get("/health/ready");
        assertThat(notRegistered.statusCode()).isEqualTo(503);
        assertThat(notRegistered.body()).contains("not registered");

        registered.set(true);
        HttpResponse<String> loading = get("/health/ready");
        assertThat(loading.statusCode()).isEqualTo(503);
        assertThat(loading.body()).contains("loading");

        loaded.set(true);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        assertThat(get("/nope").statusCode()).isEqualTo(404);
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).timeout(Duration.ofSeconds(10)).build();
        assertThat(http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    }
}
