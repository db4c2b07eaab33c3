package io.ferrymq.it.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ferrymq.broker.cluster.PidFile;
import io.ferrymq.broker.replication.FaultInjectionHooks;
import io.ferrymq.common.json.Json;
import io.ferrymq.common.json.JsonObject;
import io.ferrymq.it.harness.FerryCluster;
import io.ferrymq.it.harness.FerryLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import io.ferrymq.broker.cli.LocalClusterFaults;
import io.ferrymq.broker.cli.NetworkNamespaces;
import io.ferrymq.broker.cluster.TopicAdmin;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest.TopicSpec;
import io.ferrymq.tools.verify.FaultKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/ferry verify} end to end against three broker JVMs: a healthy cluster of the test harness
 * ({@code --bootstrap-server}), a broker of which the user's {@code --fault-command} freezes and thaws,
 * keeps every acknowledged write, in order, once, with committed offsets moving forward and replicas
 * agreeing (exit 0, clean report); verify's own local cluster ({@code --local-brokers 3}) built with the
 * {@link FaultInjectionHooks#ACK_AT_LEADER_APPEND} hook and lagging followers loses acknowledged writes
 * when its leader is killed, and verify says so (exit 2, LOST). The local cluster manager's faults freeze
 * and thaw the leader it names. As root, verify's network partitions of each kind are injected between
 * servers in their own network namespaces, healed, and the namespaces removed (skipped, saying why,
 * elsewhere). The harness cluster is shared by the class; processes a verify run leaves
 * behind are stopped through its PID files.
 */
class VerifyIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    static Path shared;

    private static FerryCluster harness;

    @TempDir
    Path work;

    private Optional<String> namespaceTag = Optional.empty();

    @BeforeAll
    static void startHarnessCluster() {
        harness = FerryCluster.builder(shared.resolve("harness")).brokers(3).start();
    }

    @AfterAll
    static void stopHarnessCluster() {
        if (harness != null) {
            harness.close();
        }
    }

    @AfterEach
    void stopLeftovers() {
        PidFile.stopLeftovers(work.resolve("cluster").resolve("pids"), Duration.ofSeconds(10));
    }

    private FerryLauncher.Result verify(String faults, String... extra) {
        String[] base = {"verify", "--local-brokers", "3", "--local-dir", work.resolve("cluster").toString(),
                "--duration", "10s", "--rate", "200", "--faults", faults, "--fault-interval", "3s", "--fault-duration", "4s",
                "--settle-timeout", "25s", "--report", work.resolve("report.json").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return FerryLauncher.run(work, "verify", RUN_TIMEOUT, args);
    }

    private JsonObject report() throws Exception {
        return Json.parseObject("report.json", Files.readAllBytes(work.resolve("report.json")));
    }

    @Test
    void aHealthyClusterFrozenByTheUsersFaultCommandGetsACleanVerdict() throws Exception {
        long pid = harness.broker(3).pid().orElseThrow();
        Path calls = work.resolve("calls.log");
        Path script = work.resolve("freeze-broker-3.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$1 $FERRY_VERIFY_FAULT\" >> " + calls + "\n"
                + "case \"$1\" in start) kill -STOP " + pid + " ;; stop) kill -CONT " + pid + " ;; esac\n");
        assertThat(script.toFile().setExecutable(true)).isTrue();

        FerryLauncher.Result run = FerryLauncher.run(work, "verify", RUN_TIMEOUT, "verify",
                "--bootstrap-server", harness.bootstrapServers(), "--duration", "10s", "--rate", "200",
                "--faults", "stop", "--fault-command", script.toString(), "--fault-interval", "2s",
                "--fault-duration", "1s", "--settle-timeout", "45s", "--report", work.resolve("report.json").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).as(run.toString()).contains("fault: ", "fault command '" + script + " start'")
                .containsPattern("Verdict: CLEAN \\(attempted \\d+, acked \\d+, failed 0, read \\d+")
                .contains("replicas compared 9)");
        assertThat(Files.readAllLines(calls)).startsWith("start stop", "stop stop").hasSizeGreaterThanOrEqualTo(2);
        assertThat(report().requireString("verdict")).isEqualTo("clean");
        assertThat(Files.readString(work.resolve("report.json"))).contains("\"violations\":[]");
    }

    @Test
    void networkPartitionsOfEachKindBetweenServersInTheirOwnNamespacesAreInjectedHealedAndRemoved() throws Exception {
        Optional<String> unavailable = NetworkNamespaces.unavailableReason();
        assumeTrue(unavailable.isEmpty(), () -> "skipped: " + unavailable.orElse("") + " (run the suite as root to test partitions)");

        FerryLauncher.Result run = FerryLauncher.run(work, "verify", RUN_TIMEOUT, "verify", "--local-brokers", "3",
                "--local-dir", work.resolve("cluster").toString(), "--duration", "10s", "--rate", "200",
                "--faults", "partition", "--fault-interval", "1s", "--fault-duration", "1500ms", "--settle-timeout", "25s");
        Matcher bridge = Pattern.compile("network namespace on bridge (fv\\d+)br").matcher(run.stdout());
        assertThat(bridge.find()).as(run.toString()).isTrue();
        namespaceTag = Optional.of(bridge.group(1));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).as(run.toString())
                .contains("partition LEADER_FROM_ZOOKEEPER: cut broker-", "partition LEADER_FROM_FOLLOWERS: cut broker-",
                        "partition FOLLOWER_FROM_EVERYONE: cut broker-", "partition CLIENT_FROM_LEADER: cut broker-")
                .containsPattern("Verdict: CLEAN \\(attempted \\d+, acked \\d+, failed 0");
        long injected = run.stdout().lines().filter(l -> l.contains(" partition ") && l.contains(": cut ")).count();
        assertThat(injected).isGreaterThanOrEqualTo(4);
        assertThat(run.stdout().lines().filter(l -> l.endsWith("healed every cut"))).hasSize((int) injected);
        assertThat(ip("netns", "list")).as("namespaces removed").doesNotContain(namespaceTag.get() + "-");
        assertThat(ip("link", "show")).as("bridge and veths removed").doesNotContain(namespaceTag.get());
    }

    /** Removes what a partition run left (it was killed, say): its namespaces (and their mounts), veths and bridge. */
    @AfterEach
    void removeLeftoverNamespaces() throws Exception {
        if (namespaceTag.isEmpty()) {
            return;
        }
        String tag = namespaceTag.get();
        for (String line : ip("netns", "list").split("\n")) {
            String ns = line.split(" ")[0];
            if (ns.startsWith(tag + "-")) {
                ip("netns", "del", ns);
            }
        }
        if (ip("link", "show").contains(tag + "br")) {
            ip("link", "del", tag + "br");
        }
    }

    private static String ip(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(String.join(" ", cmd)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void theLocalClusterManagerFreezesAndThawsTheLeaderOfPartitionZero() throws Exception {
        TopicAdmin.createTopic(harness.bootstrapServers(), new TopicSpec("frozen", 1, (short) 3, Map.of()), Duration.ofSeconds(30));
        int leader = harness.awaitLeader(new TopicPartition("frozen", 0), Duration.ofSeconds(60));
        long pid = harness.broker(leader).pid().orElseThrow();
        LocalClusterFaults faults = new LocalClusterFaults(harness.localCluster(), FaultKind.STOP, "frozen", Duration.ofSeconds(60));

        assertThat(faults.begin()).isEqualTo("froze (SIGSTOP) broker " + leader + ", leader of frozen-0");
        await().atMost(Duration.ofSeconds(10)).until(() -> processState(pid) == 'T');
        assertThat(faults.end()).isEqualTo("thawed (SIGCONT) broker " + leader);
        await().atMost(Duration.ofSeconds(10)).until(() -> processState(pid) != 'T');
        assertThat(faults.end()).isEqualTo("nothing to heal");
    }

    private static char processState(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    @Test
    void acknowledgingAtTheLeadersAppendLosesWritesOnALeaderKillAndVerifyNamesIt() throws Exception {
        FerryLauncher.Result run = verify("kill",
                "--local-jvm-option", "-D" + FaultInjectionHooks.ACK_AT_LEADER_APPEND + "=true",
                "--local-broker-config", "replica.fetch.min.bytes=1000000",
                "--local-broker-config", "replica.fetch.wait.max.ms=2000");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.stdout()).as(run.toString()).contains("killed (-9) broker", "restarted broker")
                .contains("Verdict: VIOLATIONS: LOST").containsPattern("LOST: \\d+ \\(acked seq \\d+ at p\\d@\\d+ is missing");
        assertThat(report().requireString("verdict")).isEqualTo("violations");
        assertThat(Files.readString(work.resolve("report.json"))).contains("{\"kind\":\"LOST\",\"count\":");
    }
}
