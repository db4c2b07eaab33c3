package io.ferrymq.tools;

import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.admin.NewTopic;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
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

/**
 * {@code ferry topics create --topic T [--partitions N] [--replication-factor R | --replica-assignment
 * 0:1,1:2,...] [--config k=v ...]}. As in Kafka, {@code --replica-assignment} (parsed by
 * {@link ReplicaAssignmentParser}) excludes both counts.
 */
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

    @Option(names = "--replica-assignment", paramLabel = "B:B,B:B,...",
            description = "Explicit replicas: partitions separated by commas in partition order, the broker ids "
                    + "of one partition by colons, the first the preferred leader (e.g. 0:1,1:2,2:0). "
                    + "Excludes --partitions and --replication-factor.")
    private String replicaAssignment;

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
        NewTopic newTopic = replicaAssignment == null ? withCounts() : withAssignment();
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

    private NewTopic withCounts() {
        if (partitions != null && partitions < 1) {
            throw parameterError("--partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor != null && replicationFactor < 1) {
            throw parameterError("--replication-factor must be at least 1, was " + replicationFactor);
        }
        return new NewTopic(topic, partitions == null ? OptionalInt.empty() : OptionalInt.of(partitions),
                Optional.ofNullable(replicationFactor), configs);
    }

    private NewTopic withAssignment() {
        if (partitions != null || replicationFactor != null) {
            String conflict = partitions == null ? "--replication-factor"
                    : replicationFactor == null ? "--partitions" : "--partitions and --replication-factor";
            throw parameterError("--replica-assignment cannot be used with " + conflict
                    + ": the assignment gives the partition count and the replicas");
        }
        try {
            return new NewTopic(topic, ReplicaAssignmentParser.parse(replicaAssignment)).withConfigs(configs);
        } catch (IllegalArgumentException e) {
            throw parameterError("invalid --replica-assignment '" + replicaAssignment + "': " + e.getMessage());
        }
    }

    private CommandLine.ParameterException parameterError(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
