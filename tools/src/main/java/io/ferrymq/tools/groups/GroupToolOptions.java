package io.ferrymq.tools.groups;

import io.ferrymq.client.network.BrokerAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every {@code ferry groups} command shares: where the cluster is and how long to wait. */
public final class GroupToolOptions {

    @Option(names = "--bootstrap-server", required = true, paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "Brokers to contact first.")
    String bootstrapServer;

    @Option(names = "--timeout-ms", defaultValue = "10000", paramLabel = "MS",
            description = "Timeout of each request (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    List<BrokerAddress> bootstrap() {
        return Arrays.stream(bootstrapServer.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(BrokerAddress::parse).toList();
    }

    Duration timeout() {
        return Duration.ofMillis(timeoutMs);
    }
}
