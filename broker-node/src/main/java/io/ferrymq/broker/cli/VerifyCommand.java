package io.ferrymq.broker.cli;

import io.ferrymq.broker.cluster.JavaCommand;
import io.ferrymq.broker.cluster.LocalCluster;
import io.ferrymq.broker.cluster.LocalClusterConfig;
import io.ferrymq.common.json.Json;
import io.ferrymq.tools.ClientFactory;
import io.ferrymq.tools.CommandConfig;
import io.ferrymq.tools.verify.CommandFaults;
import io.ferrymq.tools.verify.DurationText;
import io.ferrymq.tools.verify.FaultInjector;
import io.ferrymq.tools.verify.FaultKind;
import io.ferrymq.tools.verify.VerdictJson;
import io.ferrymq.tools.verify.VerifyRun;
import io.ferrymq.tools.verify.VerifySettings;
import io.ferrymq.tools.verify.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry verify}: a Jepsen-style check of a cluster ({@link VerifyRun}), against the user's
 * cluster ({@code --bootstrap-server}) or a local one it starts itself ({@code --local-brokers N},
 * separate broker JVMs under {@code --local-dir}, stopped at the end). Faults come from the local
 * cluster manager ({@link LocalClusterFaults}) or from {@code --fault-command} ({@link CommandFaults}).
 * Prints the verdict and each violation; {@code --report} writes {@link VerdictJson}. Exit status:
 * 0 clean, {@value #VIOLATIONS} when the history has violations, 1 when the run itself failed.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Write sequence-numbered records with an idempotent producer while a consumer group reads and "
                + "faults are injected, then prove the history: lost acknowledged writes, duplicates, reordering per key, "
                + "committed offsets going back, replica divergence, unavailability. Exit 0 clean, 2 on violations, 1 on error.")
public final class VerifyCommand implements Callable<Integer> {

    static final int VIOLATIONS = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Target target;

    /** Where the cluster is: the user's, or a local one verify starts. */
    static final class Target {
        @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT[,HOST:PORT]", description = "The cluster to verify.")
        String bootstrapServer;

        @Option(names = "--local-brokers", paramLabel = "N",
                description = "Start a local cluster of N brokers (separate JVMs) and ZooKeeper, verify it, stop it.")
        Integer localBrokers;
    }

    @Option(names = "--local-dir", paramLabel = "DIR",
            description = "Data, logs and PID files of the local cluster (default: a new temporary directory, kept).")
    private Path localDir;

    @Option(names = "--local-broker-config", paramLabel = "KEY=VALUE",
            description = "A broker setting of the local cluster, repeatable.")
    private Map<String, String> localBrokerConfig = new LinkedHashMap<>();

    @Option(names = "--local-jvm-option", paramLabel = "OPTION", description = "An extra JVM option of the local servers, repeatable.")
    private List<String> localJvmOptions = new ArrayList<>();

    @Option(names = "--duration", defaultValue = "2m", converter = DurationText.class,
            description = "How long to write (default: ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(names = "--rate", defaultValue = "500", paramLabel = "N", description = "Writes per second (default: ${DEFAULT-VALUE}).")
    private int rate;

    @Option(names = "--acks", defaultValue = "all", description = "1 or all (default: ${DEFAULT-VALUE}; all makes the producer idempotent).")
    private String acks;

    @Option(names = "--faults", defaultValue = "none", paramLabel = "none|kill|stop|partition",
            description = "kill: kill -9 a partition leader, then restart it; stop: SIGSTOP it, then SIGCONT; partition: "
                    + "in turn, the leader cut from ZooKeeper, the leader cut from its followers, a follower cut from "
                    + "everyone, the client cut from the leader (each server in a network namespace; needs root and ip) "
                    + "(default: ${DEFAULT-VALUE}). Needs --local-brokers or --fault-command.")
    private String faults;

    @Option(names = "--fault-command", paramLabel = "CMD",
            description = "Inject faults by running 'CMD start' and heal them with 'CMD stop' (via /bin/sh; environment "
                    + "FERRY_VERIFY_FAULT, FERRY_VERIFY_TOPIC, FERRY_VERIFY_BOOTSTRAP).")
    private String faultCommand;

    @Option(names = "--fault-interval", defaultValue = "5s", converter = DurationText.class,
            description = "Healthy time before each fault (default: ${DEFAULT-VALUE}).")
    private Duration faultInterval;

    @Option(names = "--fault-duration", defaultValue = "3s", converter = DurationText.class,
            description = "How long each fault lasts (default: ${DEFAULT-VALUE}).")
    private Duration faultDuration;

    @Option(names = "--max-unavailable", defaultValue = "30s", converter = DurationText.class,
            description = "Longest time without an acknowledged write that is not a violation (default: ${DEFAULT-VALUE}).")
    private Duration maxUnavailable;

    @Option(names = "--settle-timeout", defaultValue = "60s", converter = DurationText.class,
            description = "Bound of each wait after the run: in sync again, read to the end, checksums (default: ${DEFAULT-VALUE}).")
    private Duration settleTimeout;

    @Option(names = "--topic", description = "Topic to create and write (default: ferry-verify-<time>).")
    private String topic;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of the topic (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = "--replication-factor", defaultValue = "3",
            description = "Replication factor (default: ${DEFAULT-VALUE}, at most the local broker count); 3 or more sets min.insync.replicas=2.")
    private short replicationFactor;

    @Option(names = "--keys", defaultValue = "16", description = "Distinct keys, written round robin (default: ${DEFAULT-VALUE}).")
    private int keys;

    @Option(names = "--consumers", defaultValue = "2", description = "Members of the consumer group (default: ${DEFAULT-VALUE}).")
    private int consumers;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the history summary and verdict as JSON.")
    private Path report;

    @Mixin
    private CommandConfig commandConfig = new CommandConfig();

    private final Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException {
        FaultKind kind = faultKind();
        validate(kind);
        PrintWriter out = spec.commandLine().getOut();
        String name = topic != null ? topic : "ferry-verify-" + clock.millis();
        if (target.localBrokers == null) {
            return verify(out, kind, name, target.bootstrapServer, () -> commandFaults(kind, name, target.bootstrapServer));
        }
        Path dir = localDir != null ? localDir : Files.createTempDirectory("ferry-verify-");
        out.println("Starting a local cluster of " + target.localBrokers + " brokers under " + dir.toAbsolutePath() + " ...");
        out.flush();
        if (kind == FaultKind.PARTITION && faultCommand == null) {
            List<String> processes = new ArrayList<>(List.of("zookeeper-1"));
            for (int id = 1; id <= target.localBrokers; id++) {
                processes.add("broker-" + id);
            }
            try (NetworkNamespaces network = NetworkNamespaces.create(processes);
                 LocalCluster cluster = LocalCluster.start(localCluster(dir).network(network).build())) {
                out.println("Each server runs in its own network namespace on bridge " + network.bridge() + ": "
                        + cluster.bootstrapServers());
                return verify(out, kind, name, cluster.bootstrapServers(), () -> new PartitionFaults(cluster, network, name));
            }
        }
        try (LocalCluster cluster = LocalCluster.start(localCluster(dir).build())) {
            String bootstrap = cluster.bootstrapServers();
            return verify(out, kind, name, bootstrap, () -> faultCommand != null ? commandFaults(kind, name, bootstrap)
                    : kind == FaultKind.NONE ? FaultInjector.NONE : new LocalClusterFaults(cluster, kind, name, settleTimeout));
        }
    }

    private FaultKind faultKind() {
        try {
            return FaultKind.valueOf(faults.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--faults must be none, kill, stop or partition, was '" + faults + "'");
        }
    }

    private void validate(FaultKind kind) {
        if (kind != FaultKind.NONE && faultCommand == null && target.localBrokers == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--faults " + faults + " needs a cluster verify "
                    + "controls (--local-brokers N) or a --fault-command that injects the fault into yours");
        }
        if (kind == FaultKind.PARTITION && faultCommand == null) {
            NetworkNamespaces.unavailableReason().ifPresent(reason -> {
                throw new CommandLine.ParameterException(spec.commandLine(), "--faults partition: " + reason
                        + ". Use --faults kill or stop, or a --fault-command that partitions your network.");
            });
            if (target.localBrokers == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--faults partition needs --local-brokers N "
                        + "(verify puts each server of its own cluster in a network namespace) or a --fault-command");
            }
        }
        if (!acks.equals("all") && !acks.equals("-1") && !acks.equals("1")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--acks must be 1 or all, was '" + acks + "'");
        }
        if (rate < 1 || keys < 1 || consumers < 1 || partitions < 1 || replicationFactor < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--rate, --keys, --consumers, --partitions and --replication-factor must be >= 1");
        }
    }

    private FaultInjector commandFaults(FaultKind kind, String name, String bootstrap) {
        return faultCommand == null ? FaultInjector.NONE
                : new CommandFaults(faultCommand, kind, name, bootstrap, settleTimeout);
    }

    private LocalClusterConfig.Builder localCluster(Path dir) {
        int brokers = target.localBrokers;
        String rf = Integer.toString(Math.min(3, brokers));
        List<String> jvm = new ArrayList<>(List.of("-Xms64m", "-Xmx384m", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError"));
        jvm.addAll(localJvmOptions);
        LocalClusterConfig.Builder config = LocalClusterConfig.builder(dir).brokers(brokers).zookeeperNodes(1)
                .jvmOptions(JavaCommand.withServerJit(jvm))
                .brokerConfig("default.replication.factor", rf)
                .brokerConfig("offsets.topic.replication.factor", rf)
                .brokerConfig("zookeeper.session.timeout.ms", "6000")
                .brokerConfig("group.initial.rebalance.delay.ms", "0")
                .brokerConfig("controlled.shutdown.timeout.ms", "5000")
                .startTimeout(settleTimeout.plusSeconds(60));
        localBrokerConfig.forEach(config::brokerConfig);
        return config;
    }

    private int verify(PrintWriter out, FaultKind kind, String name, String bootstrap, Supplier<FaultInjector> injector)
            throws IOException {
        short rf = target.localBrokers == null ? replicationFactor : (short) Math.min(replicationFactor, target.localBrokers);
        VerifySettings settings = new VerifySettings(name, partitions, rf, duration, rate, acks, keys, consumers, kind,
                faultInterval, faultDuration, maxUnavailable, settleTimeout);
        Map<String, Object> props = new HashMap<>(commandConfig.properties());
        props.put("bootstrap.servers", bootstrap);
        VerifyRun.Outcome outcome = new VerifyRun(settings, ClientFactory.network(), props, injector, clock, out).run();
        outcome.faults().forEach(f -> out.println("  fault: " + f));
        outcome.unchecked().forEach(u -> out.println("  not compared: " + u));
        out.println("Verdict: " + outcome.verdict().summaryLine());
        outcome.verdict().violations().stream().map(Violation::describe).forEach(v -> out.println("  " + v));
        out.flush();
        if (report != null) {
            Files.writeString(report, Json.line(VerdictJson.of(outcome.verdict(), outcome.history(), settings.describe(),
                    outcome.faults())) + "\n");
        }
        return outcome.verdict().isClean() ? 0 : VIOLATIONS;
    }
}
