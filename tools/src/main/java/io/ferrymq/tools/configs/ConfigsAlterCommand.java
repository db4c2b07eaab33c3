package io.ferrymq.tools.configs;

import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.admin.AlterConfigOp;
import io.ferrymq.client.admin.ConfigResource;
import io.ferrymq.tools.ClientFactory;
import io.ferrymq.tools.ClusterOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry configs alter}: sets ({@code --add-config k=v[,k=v]}) and removes
 * ({@code --delete-config k[,k]}) a topic's overrides or dynamic broker configs, through
 * IncrementalAlterConfigs, as {@code kafka-configs.sh --alter}. A broker refuses a read-only or unknown
 * key naming it; the command then exits 1 with that message.
 */
@Command(name = "alter", mixinStandardHelpOptions = true,
        description = "Set or delete topic configs or dynamic broker configs (per broker or cluster-wide).")
public final class ConfigsAlterCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Mixin
    private EntityOptions entity;

    @Option(names = "--add-config", paramLabel = "K=V[,K=V]",
            description = "Keys to set, e.g. log.segment.bytes=1048576 (a list value in brackets: k=[a,b]); repeatable.")
    private List<String> additions = new ArrayList<>();

    @Option(names = "--delete-config", paramLabel = "K[,K]", description = "Keys to remove; repeatable.")
    private List<String> deletions = new ArrayList<>();

    private final ClientFactory clients;

    public ConfigsAlterCommand() {
        this(ClientFactory.network());
    }

    public ConfigsAlterCommand(ClientFactory clients) {
        this.clients = clients;
    }

    @Override
    public Integer call() {
        ConfigResource resource = entity.resource(spec.commandLine());
        List<AlterConfigOp> ops;
        try {
            ops = ConfigChanges.parse(additions, deletions);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (ops.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --add-config or --delete-config");
        }
        try (Admin admin = clients.admin(cluster.clientProps(Map.of()))) {
            admin.incrementalAlterConfigs(Map.of(resource, ops));
            spec.commandLine().getOut().println("Completed updating the configs of " + resource + ".");
        }
        return 0;
    }
}
