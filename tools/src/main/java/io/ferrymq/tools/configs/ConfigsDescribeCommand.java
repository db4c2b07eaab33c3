package io.ferrymq.tools.configs;

import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.admin.ConfigEntry;
import io.ferrymq.client.admin.ConfigResource;
import io.ferrymq.tools.ClientFactory;
import io.ferrymq.tools.ClusterOptions;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry configs describe}: a topic's overrides, or a broker's dynamic configs (its own and the
 * cluster-wide defaults), as {@code kafka-configs.sh --describe} lists them, one {@code key=value}
 * line each with its source; {@code --all} lists every key, including static settings and defaults.
 * Sensitive values are shown as {@code (sensitive)}.
 */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Show a topic's overrides or a broker's dynamic configs (--all: every key), with their source.")
public final class ConfigsDescribeCommand implements Callable<Integer> {

    /** Sources listed without --all: what was set for the entity rather than inherited. */
    private static final Set<ConfigEntry.Source> SET_HERE = Set.of(ConfigEntry.Source.DYNAMIC_TOPIC_CONFIG,
            ConfigEntry.Source.DYNAMIC_BROKER_CONFIG, ConfigEntry.Source.DYNAMIC_DEFAULT_BROKER_CONFIG);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Mixin
    private EntityOptions entity;

    @Option(names = "--all", description = "List every key with its effective value, not only those set dynamically.")
    private boolean all;

    private final ClientFactory clients;

    public ConfigsDescribeCommand() {
        this(ClientFactory.network());
    }

    public ConfigsDescribeCommand(ClientFactory clients) {
        this.clients = clients;
    }

    @Override
    public Integer call() {
        ConfigResource resource = entity.resource(spec.commandLine());
        try (Admin admin = clients.admin(cluster.clientProps(Map.of()))) {
            List<ConfigEntry> entries = admin.describeConfigs(List.of(resource)).get(resource);
            PrintWriter out = spec.commandLine().getOut();
            out.println((all ? "All" : resource.type() == ConfigResource.Type.TOPIC ? "Overrides" : "Dynamic")
                    + " configs for " + resource + " are:");
            entries.stream().filter(e -> all || SET_HERE.contains(e.source())).forEach(e -> out.println("  "
                    + e.name() + "=" + (e.sensitive() ? "(sensitive)" : e.value().orElse("null")) + " (" + e.source()
                    + (e.readOnly() ? ", read-only" : "") + ")"));
        }
        return 0;
    }
}
