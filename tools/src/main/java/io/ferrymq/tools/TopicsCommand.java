package io.ferrymq.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ferry topics create|list|describe|alter|delete}: topic administration, like Kafka's
 * {@code kafka-topics.sh}, through the admin client (never ZooKeeper).
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Create, list, describe, alter (add partitions) and delete topics.",
        subcommands = {TopicsCreateCommand.class, TopicsListCommand.class, TopicsDescribeCommand.class,
            TopicsAlterCommand.class, TopicsDeleteCommand.class})
public final class TopicsCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
