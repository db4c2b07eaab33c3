package io.ferrymq.tools;

import io.ferrymq.client.admin.Admin;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry topics alter --topic T --partitions N}: grows a topic to N partitions through the
 * CreatePartitions API, as Kafka's {@code kafka-topics.sh --alter}. A count not above the current
 * one is refused by the broker (INVALID_PARTITIONS); topic configs are changed with AlterConfigs,
 * not here.
 */
@Command(name = "alter", mixinStandardHelpOptions = true,
        description = "Add partitions to a topic (the count can only grow).")
public final class TopicsAlterCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--topic", required = true, description = "Name of the topic.")
    private String topic;

    @Option(names = "--partitions", required = true, description = "The new total partition count.")
    private int partitions;

    private final ClientFactory clients;

    public TopicsAlterCommand() {
        this(ClientFactory.network());
    }

    public TopicsAlterCommand(ClientFactory clients) {
        this.clients = clients;
    }

    @Override
    public Integer call() {
        if (partitions < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--partitions must be at least 1, was " + partitions);
        }
        try (Admin admin = clients.admin(cluster.clientProps(Map.of()))) {
            admin.createPartitions(Map.of(topic, partitions));
            spec.commandLine().getOut().println("Topic " + topic + " now has " + partitions + " partitions.");
        }
        return 0;
    }
}
