package io.ferrymq.broker.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ferrymq.broker.log.MutableClock;
import io.ferrymq.coordinator.registry.BrokerInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The poller against a real HTTP server standing in for a broker's admin endpoint. */
class ClusterPollerTest {

    private static final String METER = "BrokerTopicMetrics.MessagesInPerSec{topic=t}";

    private final AtomicLong messagesIn = new AtomicLong();
    private final MutableClock clock = new MutableClock(1_000);
    private final Map<Integer, BrokerInfo> live = new ConcurrentHashMap<>();
    private HttpServer admin;

    @BeforeEach
    void startAdminEndpoint() throws IOException {
        admin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        admin.createContext("/metrics.json", exchange -> {
            byte[] body = ("{\"gauges\":{\"SessionExpireListener.SessionState\":{\"value\":\"CONNECTED\"}},"
                    + "\"meters\":{\"" + METER + "\":{\"count\":" + messagesIn.get() + "}}}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        admin.start();
        live.put(1, new BrokerInfo(1, "127.0.0.1", 9092, Optional.empty(), 0)
                .withAdminUrl("http://127.0.0.1:" + admin.getAddress().getPort()));
    }

    @AfterEach
    void stopAdminEndpoint() {
        admin.stop(0);
    }

    @Test
    void ratesComeFromTwoPollsAndASilentAdminServerMeansDown() {
        ClusterPoller poller = new ClusterPoller(() -> Map.copyOf(live), clock);

        poller.pollOnce();
        messagesIn.set(50);
        clock.advance(2_000);
        poller.pollOnce();

        BrokerState up = poller.brokers().get(1);
        assertThat(up.isUp()).isTrue();
        assertThat(up.rate(METER)).isEqualTo(25.0);
        assertThat(up.metrics().flatMap(MetricsSnapshot::zooKeeperState)).contains("CONNECTED");

        admin.stop(0);
        poller.pollOnce();

        BrokerState silent = poller.brokers().get(1);
        assertThat(silent.registered()).isTrue();
        assertThat(silent.reachable()).contains(false);
        assertThat(silent.isUp()).isFalse();
    }

    @Test
    void aBrokerOnceSeenStaysListedAsDownAfterItsRegistrationIsGone() {
        ClusterPoller poller = new ClusterPoller(() -> Map.copyOf(live), clock);
        poller.pollOnce();

        live.clear();
        poller.pollOnce();

        assertThat(poller.brokers()).containsOnlyKeys(1);
        assertThat(poller.brokers().get(1).registered()).isFalse();
        assertThat(poller.brokers().get(1).isUp()).isFalse();
    }
}
