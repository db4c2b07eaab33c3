package io.ferrymq.it.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.PidFile;
import io.ferrymq.it.harness.FerryLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/ferry quickstart} end to end through the real launcher, with a short message count. */
class QuickstartIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    Path work;

    private final List<Process> launched = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        launched.forEach(p -> FerryLauncher.stop(p, Duration.ofSeconds(30)));
        PidFile.stopLeftovers(work.resolve("qs").resolve("pids"), Duration.ofSeconds(10));
    }

    @Test
    void quickstartProducesConsumesReportsAndStopsEverythingItStarted() {
        FerryLauncher.Result r = FerryLauncher.run(work, "quickstart", RUN_TIMEOUT,
                "quickstart", "--data-dir", work.resolve("qs").toString(), "--messages", "3000");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as(r.toString())
                .contains("Created topic demo: 6 partitions, replication factor 3, min.insync.replicas=2")
                .contains("Produced 3,000 messages")
                .containsPattern("ack latency p50 [0-9.]+ ms, p99 [0-9.]+ ms")
                .contains("Consumed 3,000 distinct messages (0 duplicates)")
                .contains("OK: every acknowledged message was read back.");
        assertThat(r.stdout().lines().filter(l -> l.matches("\\s+demo\\s+\\d+\\s+\\d+.*"))).hasSize(6);
        assertThat(PidFile.readAll(work.resolve("qs").resolve("pids"))).as("processes left running").isEmpty();
    }

    @Test
    void aRunAfterACrashedRunStopsItsLeftoversAndStartsClean() throws Exception {
        Path qs = work.resolve("qs");
        Process first = FerryLauncher.start(work, "first", List.of("quickstart", "--data-dir", qs.toString(),
                "--messages", "500", "--keep-running"));
        launched.add(first);
        await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> FerryLauncher.output(work, "first", -1).stdout().contains("Press Ctrl-C")
                        || !first.isAlive());
        assertThat(first.isAlive()).as(FerryLauncher.output(work, "first", -1).toString()).isTrue();
        List<PidFile> children = PidFile.readAll(qs.resolve("pids"));
        assertThat(children).hasSize(4);

        first.destroyForcibly().waitFor();
        assertThat(children).allMatch(c -> c.liveProcess().isPresent(), "children outlive a kill -9 of the launcher");

        FerryLauncher.Result second = FerryLauncher.run(work, "second", RUN_TIMEOUT,
                "quickstart", "--data-dir", qs.toString(), "--messages", "500");

        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.stdout().lines().filter(l -> l.startsWith("Stopped a process left by an earlier run"))).hasSize(4);
        assertThat(second.stdout()).contains("Removed the data of the previous run", "Consumed 500 distinct messages (0 duplicates)");
        assertThat(children).allMatch(c -> c.liveProcess().equals(Optional.empty()), "old children stopped");
    }
}
