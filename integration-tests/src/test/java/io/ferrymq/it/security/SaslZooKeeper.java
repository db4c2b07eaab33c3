package io.ferrymq.it.security;

import io.ferrymq.broker.cluster.FreePorts;
import io.ferrymq.broker.cluster.JavaCommand;
import io.ferrymq.broker.cluster.ManagedProcess;
import io.ferrymq.broker.cluster.Probes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code ferry zookeeper --sasl [--require-auth ...]} server process and the JAAS file shared by
 * it, the brokers and Ferry's tools: section {@code Server} knows the users {@value #BROKER_USER} and
 * {@value #INTRUDER_USER}; section {@code Client} logs in as {@value #BROKER_USER}. JAAS is JVM-global,
 * so every party that uses it is a separate process ({@link #java}); the test JVM stays a client
 * without credentials. {@link #close} stops the server. Not thread-safe.
 */
final class SaslZooKeeper implements AutoCloseable {

    static final String BROKER_USER = "ferry";
    static final String INTRUDER_USER = "intruder";
    static final String JAAS = """
            Server {
              org.apache.zookeeper.server.auth.DigestLoginModule required
              user_ferry="ferry-secret"
              user_intruder="intruder-secret";
            };
            Client {
              org.apache.zookeeper.server.auth.DigestLoginModule required
              username="ferry"
              password="ferry-secret";
            };
            """;

    private final Path dir;
    private final Path jaasFile;
    private final int port;
    private final ManagedProcess process;

    private SaslZooKeeper(Path dir, Path jaasFile, int port, ManagedProcess process) {
        this.dir = dir;
        this.jaasFile = jaasFile;
        this.port = port;
        this.process = process;
    }

    /** Starts the server under {@code dir} with the extra {@code ferry zookeeper} options, and waits until it serves. */
    static SaslZooKeeper start(Path dir, List<String> options) {
        try {
            Files.createDirectories(dir);
            Path jaas = Files.writeString(dir.resolve("jaas.conf"), JAAS);
            int port = FreePorts.pick();
            List<String> args = new ArrayList<>(List.of("zookeeper", "--port", Integer.toString(port),
                    "--data-dir", dir.resolve("data").toString(), "--tick-time", "500", "--sasl"));
            args.addAll(options);
            Path log = dir.resolve("logs").resolve("zookeeper.log");
            ManagedProcess process = ManagedProcess.start("zookeeper", java(jaas).commandLine(Map.of(), args), dir, log,
                    dir.resolve("pids"));
            SaslZooKeeper zk = new SaslZooKeeper(dir, jaas, port, process);
            Probes.await("ZooKeeper on port " + port + " to serve", Duration.ofSeconds(60),
                    () -> process.isAlive() && Probes.zooKeeperMode(port).isPresent(), () -> Probes.tail(log, 30));
            return zk;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare ZooKeeper under " + dir, e);
        }
    }

    /** A child JVM command line whose JAAS configuration is {@code jaasFile}. */
    static JavaCommand java(Path jaasFile) {
        return JavaCommand.ofCurrentJvm().withJvmOptions(jvmOptions(jaasFile));
    }

    /** Small-heap, C1-only JVM options (as the harness's brokers) plus the JAAS file. */
    static List<String> jvmOptions(Path jaasFile) {
        return List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:+ExitOnOutOfMemoryError", "-Djava.security.auth.login.config=" + jaasFile.toAbsolutePath());
    }

    Path jaasFile() {
        return jaasFile;
    }

    String connectString() {
        return "127.0.0.1:" + port;
    }

    /** Runs {@code ferry args...} as a process with the JAAS file; returns its output once it exited with {@code status}. */
    String runFerry(String name, int status, List<String> args) {
        Path log = dir.resolve("logs").resolve(name + ".log");
        ManagedProcess tool = ManagedProcess.start(name, java(jaasFile).commandLine(Map.of(), args), dir, log,
                dir.resolve("pids"));
        if (!tool.awaitExit(Duration.ofSeconds(60))) {
            tool.kill();
            throw new IllegalStateException("ferry " + args + " did not exit within 60 s" + Probes.tail(log, 30));
        }
        if (tool.exitCode().orElse(-1) != status) {
            throw new IllegalStateException("ferry " + args + " exited with " + tool.exitCode() + Probes.tail(log, 30));
        }
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(10));
    }
}
