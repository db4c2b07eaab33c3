package io.ferrymq.broker.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ferry users add|list|remove}: SCRAM credentials, as Kafka's
 * {@code kafka-configs --alter --add-config 'SCRAM-SHA-256=[password=...]' --entity-type users}.
 * Passwords are read without echo and never printed or logged.
 */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = "Add, list and remove users' SCRAM credentials (SASL SCRAM-SHA-256/512 and PLAIN).",
        subcommands = {UsersAddCommand.class, UsersListCommand.class, UsersRemoveCommand.class})
public final class UsersCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
