package io.ferrymq.client.cli;

import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.admin.NewTopic;
import io.ferrymq.client.protocol.ApiException;
import io.ferrymq.client.protocol.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry topics create --topic T [--partitions N] [--replication-factor R] [--config k=v ...]}. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a topic.")
public final class TopicsCreateCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--topic", required = true, description = "Name of the topic.")
    private String topic;

    @Option(names = "--partitions", description = "Partition count (default: the broker's num.partitions).")
    private Integer partitions;

    @Option(names = "--replication-factor", description = "Replicas per partition (default: the broker's default.replication.factor).")
    private Short replicationFactor;

    @Option(names = "--config", paramLabel = "KEY=VALUE", description = "A topic configuration override, repeatable.")
    private Map<String, String> configs = new LinkedHashMap<>();

    @Option(names = "--if-not-exists", description = "Succeed quietly if the topic already exists.")
    private boolean ifNotExists;

    private final ClientFactory clients;

    public TopicsCreateCommand() {
        this(ClientFactory.network());
    }

    public TopicsCreateCommand(ClientFactory clients) {
        this.clients = clients;
    }

    @Override
    public Integer call() {
        if (partitions != null && partitions < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor != null && replicationFactor < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--replication-factor must be at least 1, was " + replicationFactor);
        }
        NewTopic newTopic = new NewTopic(topic, partitions == null ? OptionalInt.empty() : OptionalInt.of(partitions),
                Optional.ofNullable(replicationFactor), configs);
        try (Admin admin = clients.admin(cluster.clientProps(Map.of()))) {
            admin.createTopics(List.of(newTopic));
            spec.commandLine().getOut().println("Created topic " + topic + ".");
        } catch (ApiException e) {
            if (!(ifNotExists && e.error() == ErrorCode.TOPIC_ALREADY_EXISTS)) {
                throw e;
            }
        }
        return 0;
    }
}
