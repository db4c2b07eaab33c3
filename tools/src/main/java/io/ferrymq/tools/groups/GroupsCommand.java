package io.ferrymq.tools.groups;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ferry groups list|describe|reset-offsets|delete}: consumer-group administration, like
 * Kafka's {@code kafka-consumer-groups.sh}. Talks to brokers only (never ZooKeeper).
 */
@Command(name = "groups", mixinStandardHelpOptions = true,
        description = "List, describe, reset the offsets of, and delete consumer groups.",
        subcommands = {GroupsListCommand.class, GroupsDescribeCommand.class, GroupsResetOffsetsCommand.class,
            GroupsDeleteCommand.class})
public final class GroupsCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
