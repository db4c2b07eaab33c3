package io.ferrymq.broker.cli;

import io.ferrymq.client.admin.AdminConfig;
import io.ferrymq.client.network.ClientSecurity;
import io.ferrymq.tools.CommandConfig;
import java.util.HashMap;
import java.util.Map;
import io.ferrymq.broker.cluster.ClusterHealth;
import io.ferrymq.broker.cluster.ClusterMetadata;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry cluster health --bootstrap-server B [--expected-brokers N]}: asks the cluster for its
 * metadata (a Metadata and a DescribeCluster request, like any client; never ZooKeeper) and prints live
 * and down brokers, partitions without a leader, under-replicated partitions and offline log dirs.
 * Exit status: 0 healthy, 2 unhealthy, 1 when no broker could be asked.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Show brokers, leaderless and under-replicated partitions, offline log dirs; "
                + "exit 0 when healthy, 2 when not, 1 on error.")
public final class ClusterHealthCommand implements Callable<Integer> {

    static final int UNHEALTHY = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap-server", required = true, paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "Brokers to ask for metadata (the first that answers is used).")
    private String bootstrapServer;

    @Option(names = "--expected-brokers", paramLabel = "N",
            description = "Also unhealthy when fewer than N brokers are live (catches a dead broker that holds no replicas).")
    private Integer expectedBrokers;

    @Option(names = "--timeout-ms", defaultValue = "10000", paramLabel = "MS",
            description = "Connect and request timeout per broker (default: ${DEFAULT-VALUE}).")
    private long timeoutMs;

    @Mixin
    private CommandConfig commandConfig = new CommandConfig();

    @Override
    public Integer call() {
        Duration timeout = Duration.ofMillis(timeoutMs);
        ClientSecurity security = security();
        ClusterHealth health = ClusterHealth.of(ClusterMetadata.fetch(bootstrapServer, timeout, security),
                ClusterMetadata.describe(bootstrapServer, timeout, security).offlineLogDirs(),
                expectedBrokers == null ? OptionalInt.empty() : OptionalInt.of(expectedBrokers));
        spec.commandLine().getOut().print(health.render());
        spec.commandLine().getOut().flush();
        return health.isHealthy() ? 0 : UNHEALTHY;
    }

    /** The connections' security from {@code --command-config}, validated as admin client settings. */
    private ClientSecurity security() {
        Map<String, Object> props = new HashMap<>(commandConfig.properties());
        props.put(AdminConfig.BOOTSTRAP_SERVERS, bootstrapServer);
        return AdminConfig.parse(props).security();
    }
}
