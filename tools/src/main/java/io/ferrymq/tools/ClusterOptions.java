package io.ferrymq.tools;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options every client tool shares: {@code --bootstrap-server host:port[,host:port]},
 * {@code --command-config FILE} ({@link CommandConfig}) and {@code --command-property key=value} for
 * any client setting (Kafka names). A picocli mixin.
 */
public final class ClusterOptions {

    @Option(names = "--bootstrap-server", required = true, paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "Brokers to connect to first.")
    private String bootstrapServer;

    @Option(names = {"--command-property", "--producer-property", "--consumer-property"}, paramLabel = "KEY=VALUE",
            description = "A client configuration (Kafka name, e.g. linger.ms=5), repeatable.")
    private Map<String, String> clientProperties = new LinkedHashMap<>();

    @Mixin
    private CommandConfig commandConfig = new CommandConfig();

    /**
     * Client properties: {@code bootstrap.servers} plus {@code extra}, then the {@code --command-config}
     * file, then the user's {@code --command-property} overrides.
     */
    public Map<String, Object> clientProps(Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put("bootstrap.servers", bootstrapServer);
        props.putAll(commandConfig.properties());
        props.putAll(clientProperties);
        return props;
    }

    public String bootstrapServer() {
        return bootstrapServer;
    }
}
