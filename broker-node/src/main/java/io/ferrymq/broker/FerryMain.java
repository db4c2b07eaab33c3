package io.ferrymq.broker;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ferry} entry point: one picocli command with a subcommand per tool. It lives in
 * broker-node because only this module can reach every subcommand; client-side tools are
 * defined in {@code tools/} and registered here.
 *
 * <p>Every subcommand exits non-zero with a one-line reason on error.
 */
@Command(
        name = "ferry",
        mixinStandardHelpOptions = true,
        versionProvider = FerryVersion.class,
        description = "Ferry: a small, clear, ZooKeeper-coordinated distributed message queue.",
        subcommands = {
            CommandLine.HelpCommand.class,
            io.ferrymq.tools.TopicsCommand.class,
            io.ferrymq.tools.ProduceCommand.class,
            io.ferrymq.tools.ConsumeCommand.class,
            io.ferrymq.tools.VerifiableProducerCommand.class,
            io.ferrymq.broker.cli.DumpLogCommand.class,
            io.ferrymq.broker.cli.PerfLogCommand.class,
            io.ferrymq.broker.cli.ZooKeeperCommand.class,
            io.ferrymq.broker.cli.ZooKeeperSecurityMigrationCommand.class,
            io.ferrymq.broker.cli.BrokerCommand.class,
            io.ferrymq.broker.cli.ClusterCommand.class,
            io.ferrymq.broker.cli.UsersCommand.class,
            io.ferrymq.broker.cli.QuickstartCommand.class,
            io.ferrymq.tools.groups.GroupsCommand.class,
            io.ferrymq.tools.acls.AclsCommand.class,
            io.ferrymq.tools.LeaderElectionCommand.class,
            io.ferrymq.tools.configs.ConfigsCommand.class,
            io.ferrymq.tools.groups.VerifiableConsumerCommand.class,
            io.ferrymq.tools.perf.PerfProduceCommand.class,
            io.ferrymq.tools.perf.PerfConsumeCommand.class,
            io.ferrymq.broker.cli.VerifyCommand.class,
        })
public final class FerryMain implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command line and returns its exit status; never calls {@code System.exit}. */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new FerryMain());
        commandLine.setExecutionExceptionHandler(FerryMain::reportOneLine);
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    private static int reportOneLine(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        commandLine.getErr().println("ferry " + commandLine.getCommandName() + ": " + reason);
        return 1;
    }
}
