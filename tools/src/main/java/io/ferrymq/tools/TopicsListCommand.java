package io.ferrymq.tools;

import io.ferrymq.client.admin.Admin;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry topics list}: every topic name, one per line, sorted. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List topic names.")
public final class TopicsListCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    private final ClientFactory clients;

    public TopicsListCommand() {
        this(ClientFactory.network());
    }

    public TopicsListCommand(ClientFactory clients) {
        this.clients = clients;
    }

    @Override
    public Integer call() {
        try (Admin admin = clients.admin(cluster.clientProps(Map.of()))) {
            admin.listTopics().forEach(spec.commandLine().getOut()::println);
        }
        return 0;
    }
}
