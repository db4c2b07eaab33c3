package io.ferrymq.broker.cli;

import io.ferrymq.client.admin.ScramCredentialInfo;
import io.ferrymq.common.security.ScramMechanism;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry users remove --user U [--mechanism M]...}: deletes the named credentials, by default
 * every one the user has, after which the user can no longer authenticate.
 */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user's SCRAM credentials.")
public final class UsersRemoveCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private UsersTarget target;

    @Option(names = "--user", required = true, paramLabel = "NAME", description = "The user name.")
    private String user;

    @Option(names = "--mechanism", paramLabel = "SCRAM-SHA-256|SCRAM-SHA-512",
            description = "Mechanism to remove, repeatable (default: every one the user has).")
    private List<String> mechanisms = List.of();

    @Override
    public Integer call() {
        try (CredentialTarget credentials = target.open()) {
            List<ScramMechanism> chosen = mechanisms.isEmpty()
                    ? credentials.describe(List.of(user)).get(user).stream().map(ScramCredentialInfo::mechanism)
                            .map(ScramMechanism::forMechanismName).flatMap(Optional::stream).toList()
                    : mechanisms(mechanisms);
            for (ScramMechanism mechanism : chosen) {
                credentials.delete(user, mechanism);
                spec.commandLine().getOut().println("Removed " + mechanism.mechanismName() + " credential of user '"
                        + user + "'.");
            }
        }
        return 0;
    }

    /** The named SCRAM mechanisms (all of them when none is named); an unknown name is refused, naming the known. */
    static List<ScramMechanism> mechanisms(List<String> names) {
        if (names.isEmpty()) {
            return List.of(ScramMechanism.values());
        }
        return names.stream().map(name -> ScramMechanism.forMechanismName(name).orElseThrow(() ->
                new IllegalArgumentException("--mechanism must be one of " + Arrays.stream(ScramMechanism.values())
                        .map(ScramMechanism::mechanismName).toList() + ", was '" + name + "'"))).toList();
    }
}
