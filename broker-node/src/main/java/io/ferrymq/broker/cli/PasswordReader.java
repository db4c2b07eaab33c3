package io.ferrymq.broker.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a new password for {@code ferry users add} without putting it on the command line (where
 * {@code ps} would show it): the first line of {@code --password-file}, else typed at the terminal
 * without echo, else the first line of standard input (for scripts). An empty password is refused.
 * Stateless; thread-safe.
 */
final class PasswordReader {

    private PasswordReader() {
    }

    static String read(Path passwordFile, String user) {
        String password;
        if (passwordFile != null) {
            password = firstLine(passwordFile);
        } else if (System.console() != null) {
            Console console = System.console();
            char[] typed = console.readPassword("Password for user '%s': ", user);
            password = typed == null ? "" : new String(typed);
        } else {
            password = firstLineOfStdin();
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("the password for user '" + user + "' is empty");
        }
        return password;
    }

    private static String firstLine(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --password-file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String firstLineOfStdin() {
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password from standard input: " + e.getMessage(), e);
        }
    }
}
