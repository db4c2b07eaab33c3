package io.ferrymq.broker.cli;

import io.ferrymq.tools.CommandConfig;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of every {@code ferry users} command saying where the credentials live: exactly one
 * of {@code --bootstrap-server} (through a broker) and {@code --zookeeper} (directly, to create the
 * first user before any broker can authenticate), and how to reach the brokers: Kafka's
 * {@code --command-config FILE}, with {@code --command-property} settings winning over it. A picocli
 * mixin.
 */
public final class UsersTarget {

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Where where;

    @Option(names = "--command-property", paramLabel = "KEY=VALUE",
            description = "A client configuration (Kafka name) for --bootstrap-server, repeatable.")
    private Map<String, String> clientProperties = new LinkedHashMap<>();

    @Mixin
    private CommandConfig commandConfig = new CommandConfig();

    static final class Where {
        @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT[,HOST:PORT]", description = "Brokers to ask.")
        String bootstrapServer;

        @Option(names = "--zookeeper", paramLabel = "HOST:PORT[/CHROOT]",
                description = "Write ZooKeeper directly (the chroot defaults to /ferry, as the broker's).")
        String zookeeper;
    }

    CredentialTarget open() {
        if (where.zookeeper != null) {
            return new ZooKeeperCredentialTarget(where.zookeeper);
        }
        Map<String, Object> props = new HashMap<>(commandConfig.properties());
        props.putAll(clientProperties);
        props.put("bootstrap.servers", where.bootstrapServer);
        return new BrokerCredentialTarget(props);
    }
}
