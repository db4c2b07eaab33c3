package io.ferrymq.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PerfLogCommandTest {

    @TempDir
    Path tempDir;

    @Test
    void smallRunPrintsAllThreeFiguresAndCleansUp() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new PerfLogCommand());
        commandLine.setOut(new PrintWriter(out));
        int exit = commandLine.execute("--size-mb", "2", "--dir", tempDir.toString());
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("plain FileChannel write:").contains("PartitionLog append:")
                .contains("PartitionLog read:").contains("records of 100 bytes");
        try (Stream<Path> left = Files.list(tempDir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void nonsenseSizesAreRefused() {
        CommandLine commandLine = new CommandLine(new PerfLogCommand());
        commandLine.setErr(new PrintWriter(new StringWriter()));
        assertThat(commandLine.execute("--size-mb", "0")).isNotZero();
    }
}
