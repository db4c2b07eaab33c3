package io.ferrymq.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.FerryMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docs/CLI.md is the usage text of every {@code ferry} subcommand. The test fails when a command
 * has no section; regenerate the whole file with
 * {@code mvn -pl broker-node surefire:test -Dtest=CliDocsTest -Dferry.docs.update=true}.
 */
class CliDocsTest {

    static final Path DOC = Path.of("..", "docs", "CLI.md");

    @Test
    void everyCommandHasASection() throws Exception {
        CommandLine root = new CommandLine(new FerryMain());
        List<CommandLine> commands = new ArrayList<>();
        collect(root, commands);
        if (Boolean.getBoolean("ferry.docs.update")) {
            Files.writeString(DOC, render(root, commands));
        }
        String doc = Files.readString(DOC);
        for (CommandLine c : commands) {
            assertThat(doc).as("docs/CLI.md is stale (regenerate: see CliDocsTest javadoc); missing " + path(c))
                    .contains("## `" + path(c) + "`");
        }
    }

    private static void collect(CommandLine c, List<CommandLine> out) {
        for (CommandLine sub : c.getSubcommands().values()) {
            if (!out.contains(sub) && !sub.getCommandName().equals("help")) {
                out.add(sub);
                collect(sub, out);
            }
        }
    }

    private static String path(CommandLine c) {
        return c.getCommandSpec().qualifiedName(" ");
    }

    private static String render(CommandLine root, List<CommandLine> commands) {
        StringBuilder sb = new StringBuilder("# Command-line reference\n\n")
                .append("Generated from the commands' own help (`bin/ferry <command> --help`); do not edit by hand.\n")
                .append("Every command that talks to a cluster takes `--bootstrap-server host:port[,host:port]` and exits\n")
                .append("non-zero with a one-line reason on error.\n\n## `ferry`\n\n```\n")
                .append(root.getUsageMessage(CommandLine.Help.Ansi.OFF)).append("```\n");
        for (CommandLine c : commands) {
            sb.append("\n## `").append(path(c)).append("`\n\n```\n")
                    .append(c.getUsageMessage(CommandLine.Help.Ansi.OFF)).append("```\n");
        }
        return sb.toString();
    }
}
