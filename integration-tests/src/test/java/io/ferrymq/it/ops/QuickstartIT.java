package io.ferrymq.it.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.PidFile;
import io.ferrymq.it.harness.FerryLauncher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/ferry quickstart --keep-running} end to end through the real launcher, twice on one data
 * directory: the first run is killed with -9 (its ZooKeeper and brokers survive it), the second must stop
 * those leftovers, start clean, and stop everything it started when it gets SIGTERM (as on Ctrl-C).
 */
class QuickstartIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);

    @TempDir
    Path work;

    private final List<Process> launched = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        launched.forEach(p -> FerryLauncher.stop(p, Duration.ofSeconds(30)));
        PidFile.stopLeftovers(work.resolve("qs").resolve("pids"), Duration.ofSeconds(10));
    }

    private Process startKeepRunning(String name, int messages) {
        Process p = FerryLauncher.start(work, name, List.of("quickstart", "--data-dir", work.resolve("qs").toString(),
                "--messages", Integer.toString(messages), "--keep-running"));
        launched.add(p);
        await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> FerryLauncher.output(work, name, -1).stdout().contains("Press Ctrl-C") || !p.isAlive());
        assertThat(p.isAlive()).as(FerryLauncher.output(work, name, -1).toString()).isTrue();
        return p;
    }

    @Test
    void demoRunsAndASecondRunCleansUpAfterACrashedOne() throws Exception {
        Path pids = work.resolve("qs").resolve("pids");
        Process first = startKeepRunning("first", 3000);
        String out = FerryLauncher.output(work, "first", -1).stdout();
        assertThat(out).as(out)
                .contains("Created topic demo: 6 partitions, replication factor 3, min.insync.replicas=2")
                .contains("Produced 3,000 messages")
                .containsPattern("ack latency p50 [0-9.]+ ms, p99 [0-9.]+ ms")
                .contains("Consumed 3,000 distinct messages (0 duplicates) from 6 partitions")
                .contains("OK: every acknowledged message was read back.")
                .contains("--bootstrap-server 127.0.0.1:");
        assertThat(out.lines().filter(l -> l.matches("\\s+demo\\s+\\d+\\s+\\d+.*"))).hasSize(6);
        List<PidFile> crashed = PidFile.readAll(pids);
        assertThat(crashed).hasSize(4);

        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(crashed).allMatch(c -> c.liveProcess().isPresent(), "children outlive a kill -9 of the launcher");

        Process second = startKeepRunning("second", 500);
        String again = FerryLauncher.output(work, "second", -1).stdout();
        assertThat(again.lines().filter(l -> l.startsWith("Stopped a process left by an earlier run"))).hasSize(4);
        assertThat(again).contains("Removed the data of the previous run", "Consumed 500 distinct messages (0 duplicates)");
        assertThat(crashed).allMatch(c -> c.liveProcess().isEmpty(), "leftovers stopped");
        List<PidFile> running = PidFile.readAll(pids);
        assertThat(running).hasSize(4);
        Matcher kafka = Pattern.compile("Kafka clients and tools: bootstrap.servers=(\\S+)").matcher(again);
        assertThat(kafka.find()).as(again).isTrue();
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.group(1)))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).as("Kafka's Admin on the KAFKA listeners")
                    .hasSize(3);
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("demo");
        }
        webConsoleIsOnAndShowsEveryBroker(again);

        second.destroy();
        assertThat(second.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("quickstart exits on SIGTERM").isTrue();
        assertThat(running).allMatch(c -> c.liveProcess().isEmpty(), "everything it started is stopped");
        assertThat(PidFile.readAll(pids)).isEmpty();
    }

    private static void webConsoleIsOnAndShowsEveryBroker(String out) throws Exception {
        Matcher console = Pattern.compile("Web console .*: (http://127\\.0\\.0\\.1:\\d+)/console/").matcher(out);
        assertThat(console.find()).as(out).isTrue();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(console.group(1) + "/console/"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Ferry console</title>");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http.send(HttpRequest.newBuilder(
                        URI.create(console.group(1) + "/api/cluster")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("\"status\":\"up\"").doesNotContain("\"down\""));
    }
}
