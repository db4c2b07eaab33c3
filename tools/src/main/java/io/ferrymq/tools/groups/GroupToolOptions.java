package io.ferrymq.tools.groups;

import io.ferrymq.client.admin.AdminConfig;
import io.ferrymq.client.network.BrokerAddress;
import io.ferrymq.client.network.ClientSecurity;
import io.ferrymq.tools.CommandConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options every {@code ferry groups} command shares: where the cluster is, how long to wait, and
 * {@code --command-config} for the connections' security.
 */
public final class GroupToolOptions {

    @Option(names = "--bootstrap-server", required = true, paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "Brokers to contact first.")
    String bootstrapServer;

    @Option(names = "--timeout-ms", defaultValue = "10000", paramLabel = "MS",
            description = "Timeout of each request (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Mixin
    CommandConfig commandConfig = new CommandConfig();

    List<BrokerAddress> bootstrap() {
        return Arrays.stream(bootstrapServer.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(BrokerAddress::parse).toList();
    }

    Duration timeout() {
        return Duration.ofMillis(timeoutMs);
    }

    /** The connections' security from {@code --command-config}, validated as admin client settings. */
    ClientSecurity security() {
        Map<String, Object> props = new HashMap<>(commandConfig.properties());
        props.put(AdminConfig.BOOTSTRAP_SERVERS, bootstrapServer);
        return AdminConfig.parse(props).security();
    }
}
