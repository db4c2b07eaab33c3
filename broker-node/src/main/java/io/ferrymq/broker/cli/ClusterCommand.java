package io.ferrymq.broker.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ferry cluster ...}: cluster-wide operator commands (today: {@code health}). */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Cluster-wide operator commands.",
        subcommands = {ClusterHealthCommand.class})
public final class ClusterCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
