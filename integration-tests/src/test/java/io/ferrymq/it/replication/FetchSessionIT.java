package io.ferrymq.it.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.BrokerProcess;
import io.ferrymq.coordinator.metadata.PartitionState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, fetch sessions between brokers (KIP-227): with followers fetching in sessions,
 * replication still converges through a follower's kill -9 and restart (every acknowledged record on
 * every replica), and once producing stops the followers' fetches name no partition at all while
 * they keep long-polling, read from the leaders' {@code FetchFollower} request metrics. The long poll
 * is long here ({@value #LONG_POLL_MS} ms): an idle incremental fetch must wait it out on the leader
 * (few requests while idle), and one must return as soon as a session partition gets data (acks=all
 * latency well below it).
 */
class FetchSessionIT extends FailureScenario {

    private static final int LONG_POLL_MS = 3_000;
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(6);

    private static final String LAST_PARTITIONS = "ferry_request_metrics_last_request_partitions\\{request=\"FetchFollower\"\\}";
    private static final String REQUEST_COUNT = "ferry_request_metrics_request_partitions_count\\{request=\"FetchFollower\"\\}";
    private static final String SESSIONS = "ferry_fetch_session_cache_num_incremental_fetch_sessions";
    private static final String LEADERS = "ferry_replica_manager_leader_count";

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected Map<String, String> scenarioBrokerConfig() {
        return Map.of("replica.fetch.wait.max.ms", Integer.toString(LONG_POLL_MS));
    }

    @Test
    void replicationConvergesInSessionsAndIdleFollowerFetchesCarryNoPartitions() throws Exception {
        PartitionState before = state(0);
        int follower = before.isr().stream().filter(b -> b != before.leader()).findFirst().orElseThrow();
        cluster.kill9(follower);
        keepProducing(Duration.ofSeconds(2));
        cluster.start(follower);
        awaitFullIsr();
        int acknowledged = producer.ackCount();
        await().atMost(WAIT).until(() -> producer.ackCount() > acknowledged + 100);
        assertThat(producer.drain(WAIT)).as("every value acknowledged").isTrue();
        List<Long> latenciesMs = producer.acks().stream()
                .map(ack -> (ack.ackedAtNanos() - ack.sentAtNanos()) / 1_000_000).sorted().toList();
        assertThat(latenciesMs.get(latenciesMs.size() / 2))
                .as("median acks=all latency: waiting follower fetches return early when data arrives")
                .isLessThan(LONG_POLL_MS / 2);

        List<BrokerProcess> leaders = cluster.brokers().stream().filter(b -> metric(b, LEADERS) > 0).toList();
        assertThat(leaders).isNotEmpty();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> leaders.stream().allMatch(b -> metric(b, LAST_PARTITIONS) == 0));
        Map<Integer, Double> counts = new HashMap<>();
        leaders.forEach(b -> counts.put(b.id(), metric(b, REQUEST_COUNT)));
        await().pollDelay(IDLE_WINDOW).atMost(IDLE_WINDOW.plusSeconds(5)).until(() -> true);
        // Two followers per leader, each waiting LONG_POLL_MS per idle fetch: a few requests, not hundreds.
        long maxIdleRequests = 2 * 2 * (IDLE_WINDOW.toMillis() / LONG_POLL_MS + 1);
        for (BrokerProcess leader : leaders) {
            assertThat(metric(leader, REQUEST_COUNT) - counts.get(leader.id()))
                    .as("broker %d: follower fetches in %s idle", leader.id(), IDLE_WINDOW)
                    .isGreaterThanOrEqualTo(1).isLessThanOrEqualTo(maxIdleRequests);
            assertThat(metric(leader, LAST_PARTITIONS)).as("broker %d: idle follower fetches name no partition",
                    leader.id()).isZero();
            assertThat(metric(leader, SESSIONS)).as("broker %d holds its followers' fetch sessions", leader.id())
                    .isGreaterThanOrEqualTo(1);
        }
        finishAndVerify();
    }

    /** The sum of one Prometheus sample family on {@code broker}'s admin /metrics. */
    private double metric(BrokerProcess broker, String sampleRegex) {
        try {
            String body = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + broker.adminPort() + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("(?m)^" + sampleRegex + " (\\S+)$").matcher(body);
            double total = 0;
            while (m.find()) {
                total += Double.parseDouble(m.group(1));
            }
            return total;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /metrics of broker " + broker.id(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading /metrics of broker " + broker.id(), e);
        }
    }
}
