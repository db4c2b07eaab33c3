package io.ferrymq.it.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.cluster.PidFile;
import io.ferrymq.broker.replication.FaultInjectionHooks;
import io.ferrymq.common.json.Json;
import io.ferrymq.common.json.JsonObject;
import io.ferrymq.it.harness.FerryLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/ferry verify} end to end, each run with its own local cluster of three broker JVMs
 * ({@code --local-brokers 3}): a healthy cluster keeps every acknowledged write, in order, once, with
 * committed offsets moving forward and replicas agreeing (exit 0, clean report); a cluster built with the
 * {@link FaultInjectionHooks#ACK_AT_LEADER_APPEND} hook and lagging followers loses acknowledged writes
 * when its leader is killed, and verify says so (exit 2, LOST). Processes a run leaves behind are stopped
 * through its PID files.
 */
class VerifyIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path work;

    @AfterEach
    void stopLeftovers() {
        PidFile.stopLeftovers(work.resolve("cluster").resolve("pids"), Duration.ofSeconds(10));
    }

    private FerryLauncher.Result verify(String faults, String... extra) {
        String[] base = {"verify", "--local-brokers", "3", "--local-dir", work.resolve("cluster").toString(),
                "--duration", "12s", "--rate", "200", "--faults", faults, "--fault-interval", "3s", "--fault-duration", "4s",
                "--settle-timeout", "45s", "--report", work.resolve("report.json").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return FerryLauncher.run(work, "verify", RUN_TIMEOUT, args);
    }

    private JsonObject report() throws Exception {
        return Json.parseObject("report.json", Files.readAllBytes(work.resolve("report.json")));
    }

    @Test
    void aHealthyClusterGetsACleanVerdict() throws Exception {
        FerryLauncher.Result run = verify("none");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).as(run.toString()).doesNotContain("fault:")
                .containsPattern("Verdict: CLEAN \\(attempted \\d+, acked \\d+, failed 0, read \\d+")
                .contains("replicas compared 9)");
        assertThat(report().requireString("verdict")).isEqualTo("clean");
        String json = Files.readString(work.resolve("report.json"));
        assertThat(json).contains("\"violations\":[]").contains("\"faults\":\"none\"");
    }

    @Test
    void acknowledgingAtTheLeadersAppendLosesWritesOnALeaderKillAndVerifyNamesIt() throws Exception {
        FerryLauncher.Result run = verify("kill",
                "--local-jvm-option", "-D" + FaultInjectionHooks.ACK_AT_LEADER_APPEND + "=true",
                "--local-broker-config", "replica.fetch.min.bytes=1000000",
                "--local-broker-config", "replica.fetch.wait.max.ms=2000");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.stdout()).as(run.toString()).contains("killed (-9) broker", "restarted broker")
                .contains("Verdict: VIOLATIONS: LOST").containsPattern("LOST: \\d+ \\(acked seq \\d+ at p0@\\d+ is missing");
        assertThat(report().requireString("verdict")).isEqualTo("violations");
        assertThat(Files.readString(work.resolve("report.json"))).contains("{\"kind\":\"LOST\",\"count\":");
    }
}
