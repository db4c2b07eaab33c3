package io.ferrymq.tools;

import io.ferrymq.client.admin.Admin;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry topics delete --topic T}. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a topic.")
public final class TopicsDeleteCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--topic", required = true, description = "Name of the topic.")
    private String topic;

    private final ClientFactory clients;

    public TopicsDeleteCommand() {
        this(ClientFactory.network());
    }

    public TopicsDeleteCommand(ClientFactory clients) {
        this.clients = clients;
    }

    @Override
    public Integer call() {
        try (Admin admin = clients.admin(cluster.clientProps(Map.of()))) {
            admin.deleteTopics(List.of(topic));
            spec.commandLine().getOut().println("Deleted topic " + topic + ".");
        }
        return 0;
    }
}
