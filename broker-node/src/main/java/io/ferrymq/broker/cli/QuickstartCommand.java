package io.ferrymq.broker.cli;

import io.ferrymq.broker.cluster.BrokerProcess;
import io.ferrymq.broker.cluster.ClusterLayout;
import io.ferrymq.broker.cluster.ClusterScram;
import io.ferrymq.broker.cluster.ClusterMetadata;
import io.ferrymq.broker.cluster.JavaCommand;
import io.ferrymq.broker.cluster.LocalCluster;
import io.ferrymq.broker.cluster.LocalClusterConfig;
import io.ferrymq.broker.cluster.ManagedProcess;
import io.ferrymq.broker.cluster.QuickstartDataDir;
import io.ferrymq.broker.cluster.TopicAdmin;
import io.ferrymq.client.network.ClientSecurity;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest.TopicSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry quickstart}: starts a real ZooKeeper server and three brokers, each its own JVM on
 * free loopback ports (data under {@code --data-dir}), creates topic {@code demo} (6 partitions,
 * replication factor 3, {@code min.insync.replicas=2}), produces {@code --messages} records with
 * acks=all, reads them all back in consumer group {@code quickstart}, and prints throughput, latency and the cluster layout.
 * The web console is on (every broker's admin port); its URL is printed with the processes.
 * With {@code --secure} every connection is TLS + SCRAM (see {@link QuickstartSecurity}). With
 * {@code --keep-running} the cluster stays up until Ctrl-C. Everything it starts is stopped on exit
 * (a shutdown hook covers Ctrl-C); a crashed earlier run is cleaned up first (see
 * {@link QuickstartDataDir}).
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Start ZooKeeper + 3 brokers as separate processes, create topic demo, produce and consume, print a summary.")
public final class QuickstartCommand implements Callable<Integer> {

    /** The listener every plaintext quickstart broker opens for Kafka's clients and tools. */
    private static final String KAFKA_LISTENER = "KAFKA";

    static final String TOPIC = "demo";
    static final int PARTITIONS = 6;
    static final String GROUP = "quickstart";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "quickstart-data", paramLabel = "DIR",
            description = "Where ZooKeeper and broker data, logs and PID files go (default: ${DEFAULT-VALUE}); wiped on the next run.")
    private Path dataDir;

    @Option(names = "--messages", defaultValue = "100000", paramLabel = "N", description = "Messages to produce (default: ${DEFAULT-VALUE}).")
    private int messages;

    @Option(names = "--message-size", defaultValue = "100", paramLabel = "BYTES", description = "Value size (default: ${DEFAULT-VALUE}).")
    private int messageSize;

    @Option(names = "--keep-running", description = "Leave the cluster up after the demo until Ctrl-C.")
    private boolean keepRunning;

    @Option(names = "--secure", description = "TLS + SCRAM-SHA-512 (SASL_SSL) for clients and between brokers, with "
            + "certificates generated under DIR/certs and a broker and a client user with random passwords; the client "
            + "settings go to DIR/client.properties (pass it with --command-config).")
    private boolean secure;

    @Option(names = "--timeout-s", defaultValue = "180", paramLabel = "S", description = "Bound of each step (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        if (messages < 1 || messageSize < 4) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--messages must be >= 1 and --message-size >= 4");
        }
        PrintWriter out = spec.commandLine().getOut();
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        QuickstartDataDir.Cleanup cleanup = QuickstartDataDir.prepare(dataDir, Duration.ofSeconds(20));
        cleanup.stoppedProcesses().forEach(p -> out.println("Stopped a process left by an earlier run: " + p));
        if (cleanup.removedOldData()) {
            out.println("Removed the data of the previous run in " + dataDir.toAbsolutePath());
        }
        QuickstartSecurity security = prepareSecurity(out);
        out.println("Starting ZooKeeper and 3 brokers (separate JVMs) under " + dataDir.toAbsolutePath() + " ...");
        out.flush();
        LocalClusterConfig.Builder config = security.configure(clusterConfig(timeout));
        if (!secure) {
            config.extraListener(KAFKA_LISTENER + "://127.0.0.1:0");
        }
        try (LocalCluster cluster = LocalCluster.start(config.build())) {
            printProcesses(out, cluster);
            boolean ok = runDemo(out, cluster.bootstrapServers(), security, timeout);
            if (keepRunning) {
                waitForCtrlC(out, cluster, security);
            }
            out.println("Stopping the cluster ...");
            out.flush();
            return ok ? 0 : 1;
        }
    }

    private QuickstartSecurity prepareSecurity(PrintWriter out) {
        if (!secure) {
            return QuickstartSecurity.plaintext();
        }
        out.println("Generating a CA and a TLS certificate per broker (keytool) under " + dataDir.resolve("certs").toAbsolutePath() + " ...");
        out.flush();
        QuickstartSecurity security = QuickstartSecurity.secure(dataDir, 3);
        out.println("Every listener is SASL_SSL (SCRAM-SHA-512, users " + ClusterScram.BROKER_USER + " and "
                + ClusterScram.CLIENT_USER + "), between brokers too. Client settings (pass with --command-config): "
                + security.clientProperties().orElseThrow());
        return security;
    }

    private LocalClusterConfig.Builder clusterConfig(Duration timeout) {
        return LocalClusterConfig.builder(dataDir).brokers(3).zookeeperNodes(1)
                .jvmOptions(JavaCommand.withServerJit(
                        List.of("-Xms64m", "-Xmx384m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:+ExitOnOutOfMemoryError")))
                .brokerConfig("default.replication.factor", "3")
                .brokerConfig("offsets.topic.replication.factor", "3")
                .brokerConfig("zookeeper.session.timeout.ms", "10000")
                // everything stops together at the end: handing leaderships to brokers that are stopping too is moot
                .brokerConfig("controlled.shutdown.timeout.ms", "5000")
                .brokerConfig("group.initial.rebalance.delay.ms", "0")
                .startTimeout(timeout);
    }

    private boolean runDemo(PrintWriter out, String bootstrap, QuickstartSecurity security, Duration timeout) {
        ClientSecurity wire = security.clientSecurity(bootstrap);
        TopicAdmin.createTopic(bootstrap, new TopicSpec(TOPIC, PARTITIONS, (short) 3, TopicAdmin.minInsyncReplicas(2)), timeout, wire);
        TopicAdmin.awaitFullyReplicated(bootstrap, TOPIC, PARTITIONS, timeout, wire);
        out.printf("Created topic %s: %d partitions, replication factor 3, min.insync.replicas=2%n", TOPIC, PARTITIONS);
        out.printf("Producing %,d messages of %d bytes with acks=all ...%n", messages, messageSize);
        out.flush();
        QuickstartWorkload.ProduceResult produced = QuickstartWorkload.produce(bootstrap, security.clientSettings(), TOPIC, messages, messageSize, timeout);
        out.println(QuickstartSummary.produced(produced, messageSize));
        out.printf("Consuming them in consumer group %s from the beginning ...%n", GROUP);
        out.flush();
        QuickstartWorkload.ConsumeResult consumed = QuickstartWorkload.consume(bootstrap, security.clientSettings(), TOPIC, GROUP, messages, timeout);
        out.println(QuickstartSummary.consumed(consumed, messageSize));
        out.println();
        out.println("Cluster layout:");
        out.print(ClusterLayout.render(ClusterMetadata.fetch(bootstrap, Duration.ofSeconds(10), wire), TOPIC));
        boolean ok = produced.failed() == 0 && consumed.distinct() == messages;
        out.println(ok ? "OK: every acknowledged message was read back." : "PROBLEM: see the numbers above.");
        out.flush();
        return ok;
    }

    private static void printProcesses(PrintWriter out, LocalCluster cluster) {
        for (ManagedProcess zk : cluster.zookeeperProcesses()) {
            out.printf("  %-12s pid %-7d %s   log %s%n", zk.name(), zk.pid(), cluster.zookeeperConnect(), zk.logFile());
        }
        for (BrokerProcess b : cluster.brokers()) {
            out.printf("  broker-%-5d pid %-7d %s   admin http://127.0.0.1:%d/metrics   log %s%n",
                    b.id(), b.pid().orElse(-1), b.address(), b.adminPort(), b.logFile());
        }
        out.println(consoleLine(cluster.brokers()));
        out.flush();
    }

    /** Where the web console is: any broker's admin port shows the whole cluster. */
    static String consoleLine(List<BrokerProcess> brokers) {
        return "Web console (read-only, any broker shows the whole cluster): http://127.0.0.1:" + brokers.get(0).adminPort()
                + "/console/";
    }

    /** The brokers' Kafka-protocol listeners as a bootstrap list; empty when they have none (--secure). */
    private static Optional<String> kafkaBootstrap(LocalCluster cluster) {
        List<String> endpoints = cluster.brokers().stream()
                .flatMap(b -> cluster.endpoint(b.id(), KAFKA_LISTENER).stream())
                .map(e -> e.host() + ":" + e.port()).toList();
        return endpoints.isEmpty() ? Optional.empty() : Optional.of(String.join(",", endpoints));
    }

    private static void waitForCtrlC(PrintWriter out, LocalCluster cluster, QuickstartSecurity security) throws InterruptedException {
        String connect = "--bootstrap-server " + cluster.bootstrapServers() + security.commandConfigFlag();
        out.println();
        out.println("The cluster keeps running. Try:");
        out.println("  bin/ferry cluster health " + connect);
        out.println("  bin/ferry topics describe " + connect + " --topic " + TOPIC);
        out.println("  bin/ferry groups describe " + connect + " --group " + GROUP);
        out.println("Use " + connect);
        kafkaBootstrap(cluster).ifPresent(kafka -> out.println("Kafka clients and tools: bootstrap.servers=" + kafka
                + " (the " + KAFKA_LISTENER + " listeners speak Kafka's protocol)"));
        out.println("Press Ctrl-C to stop everything.");
        out.flush();
        new CountDownLatch(1).await();
    }
}
