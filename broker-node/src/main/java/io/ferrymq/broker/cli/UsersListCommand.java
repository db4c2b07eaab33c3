package io.ferrymq.broker.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry users list [--user U]...}: one line per user and mechanism,
 * {@code <user>\t<mechanism>\titerations=<n>}, sorted by user; never a salt or key.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List users and their SCRAM mechanisms.")
public final class UsersListCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private UsersTarget target;

    @Option(names = "--user", paramLabel = "NAME", description = "Only this user, repeatable (default: every user).")
    private List<String> users = List.of();

    @Override
    public Integer call() {
        try (CredentialTarget credentials = target.open()) {
            credentials.describe(users).forEach((user, infos) -> infos.forEach(info ->
                    spec.commandLine().getOut().println(user + "\t" + info.mechanism() + "\titerations=" + info.iterations())));
        }
        return 0;
    }
}
