package io.ferrymq.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.security.ScramMechanism;
import io.ferrymq.coordinator.credentials.ZkUserCredentials;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkConfig;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ferry users --zookeeper}: the bootstrap path for the first user, against a real ZooKeeper. */
class UsersCommandIT {

    @TempDir
    Path dir;

    private TestingServer server;
    private String connect;

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(true);
        connect = server.getConnectString() + "/ferry";
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private record Run(int exit, String out, String err) {
    }

    private Run ferry(String... args) {
        CommandLine commandLine = new CommandLine(new UsersCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println(e.getMessage());
            return 1;
        });
        return new Run(commandLine.execute(args), out.toString(), err.toString());
    }

    @Test
    void addListRemoveWithoutEverPrintingThePassword() throws Exception {
        Path passwordFile = Files.writeString(dir.resolve("pw"), "broker-secret\n", StandardCharsets.UTF_8);

        Run added = ferry("add", "--zookeeper", connect, "--user", "broker", "--iterations", "8192",
                "--password-file", passwordFile.toString());
        Run listed = ferry("list", "--zookeeper", connect);

        assertThat(added.exit()).as(added.toString()).isZero();
        assertThat(added.out()).contains("Set SCRAM-SHA-256 credential of user 'broker' (iterations=8192).",
                "Set SCRAM-SHA-512 credential of user 'broker' (iterations=8192).");
        assertThat(listed.out().lines()).containsExactly("broker\tSCRAM-SHA-256\titerations=8192",
                "broker\tSCRAM-SHA-512\titerations=8192");
        assertThat(added.out() + added.err() + listed.out()).doesNotContain("broker-secret");
        try (ZkClient zk = ZkClient.connect(ZkConfig.of(connect))) {
            String znode = new String(zk.curator().getData().forPath(ZkPaths.user("broker")), StandardCharsets.UTF_8);
            assertThat(znode).startsWith("{\"version\":1,\"config\":{\"SCRAM-SHA-256\":\"salt=")
                    .doesNotContain("broker-secret");
            assertThat(ScramMechanism.SCRAM_SHA_512.matches(new ZkUserCredentials(zk.curator()).describe("broker")
                    .get(ScramMechanism.SCRAM_SHA_512), "broker-secret")).isTrue();
        }

        Run removed = ferry("remove", "--zookeeper", connect, "--user", "broker", "--mechanism", "SCRAM-SHA-256");
        assertThat(removed.exit()).as(removed.toString()).isZero();
        assertThat(ferry("list", "--zookeeper", connect).out().lines())
                .containsExactly("broker\tSCRAM-SHA-512\titerations=8192");
        assertThat(ferry("remove", "--zookeeper", connect, "--user", "broker").exit()).isZero();
        assertThat(ferry("list", "--zookeeper", connect).out()).isEmpty();
    }

    @Test
    void badInputIsRefusedWithAPreciseReason() throws Exception {
        Path passwordFile = Files.writeString(dir.resolve("pw"), "x\n", StandardCharsets.UTF_8);

        Run lowIterations = ferry("add", "--zookeeper", connect, "--user", "u", "--iterations", "100",
                "--password-file", passwordFile.toString());
        Run badMechanism = ferry("add", "--zookeeper", connect, "--user", "u", "--mechanism", "MD5",
                "--password-file", passwordFile.toString());
        Run unknownUser = ferry("list", "--zookeeper", connect, "--user", "ghost");
        Run bothTargets = ferry("list", "--zookeeper", connect, "--bootstrap-server", "localhost:9092");

        assertThat(lowIterations.err()).contains("SCRAM iterations must be between 4096 and 16384, was 100");
        assertThat(badMechanism.err()).contains("--mechanism must be one of [SCRAM-SHA-256, SCRAM-SHA-512], was 'MD5'");
        assertThat(unknownUser.err()).contains("user 'ghost' has no SCRAM credentials");
        assertThat(bothTargets.exit()).isNotZero();
        assertThat(bothTargets.err()).contains("mutually exclusive");
    }
}
