package io.ferrymq.tools.configs;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ferry configs describe|alter}: topic and broker configs, like Kafka's {@code kafka-configs.sh},
 * through the admin client (never ZooKeeper).
 */
@Command(name = "configs", mixinStandardHelpOptions = true,
        description = "Describe and alter topic configs and dynamic broker configs (per broker or cluster-wide).",
        subcommands = {ConfigsDescribeCommand.class, ConfigsAlterCommand.class})
public final class ConfigsCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
