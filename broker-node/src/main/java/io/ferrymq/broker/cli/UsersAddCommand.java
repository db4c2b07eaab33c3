package io.ferrymq.broker.cli;

import io.ferrymq.common.security.ScramMechanism;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry users add --user U [--mechanism M]... [--iterations N] [--password-file F]}: sets the
 * user's SCRAM credential for each mechanism (default both, so the user can log in with
 * SCRAM-SHA-256, SCRAM-SHA-512 or PLAIN); an existing credential is replaced (password rotation).
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add a user, or change its password. The password is read from --password-file, "
                + "the terminal (no echo) or standard input, never from the command line.")
public final class UsersAddCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private UsersTarget target;

    @Option(names = "--user", required = true, paramLabel = "NAME", description = "The user name.")
    private String user;

    @Option(names = "--mechanism", paramLabel = "SCRAM-SHA-256|SCRAM-SHA-512",
            description = "Mechanism to set, repeatable (default: both).")
    private List<String> mechanisms = List.of();

    @Option(names = "--iterations", defaultValue = "4096", paramLabel = "N",
            description = "PBKDF2 iterations, 4096 to 16384 (default: ${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the file's first line.")
    private Path passwordFile;

    @Override
    public Integer call() {
        List<ScramMechanism> chosen = UsersRemoveCommand.mechanisms(mechanisms);
        ScramMechanism.checkIterations(iterations);
        String password = PasswordReader.read(passwordFile, user);
        try (CredentialTarget credentials = target.open()) {
            for (ScramMechanism mechanism : chosen) {
                credentials.upsert(user, mechanism, iterations, password);
                spec.commandLine().getOut().println("Set " + mechanism.mechanismName() + " credential of user '"
                        + user + "' (iterations=" + iterations + ").");
            }
        }
        return 0;
    }
}
