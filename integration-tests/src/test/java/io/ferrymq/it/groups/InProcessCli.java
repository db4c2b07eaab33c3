package io.ferrymq.it.groups;

import io.ferrymq.broker.FerryMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs a {@code ferry} command line inside the test JVM (no JVM start-up per command), capturing
 * what it prints. Output of other threads printed meanwhile may be captured too; assert with
 * {@code contains}. Serialized: one command at a time.
 */
public final class InProcessCli {

    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    private InProcessCli() {
    }

    public static synchronized Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        try (PrintStream newOut = new PrintStream(capturedOut, true, StandardCharsets.UTF_8);
             PrintStream newErr = new PrintStream(capturedErr, true, StandardCharsets.UTF_8)) {
            System.setOut(newOut);
            System.setErr(newErr);
            int exit = FerryMain.execute(args);
            return new Result(exit, capturedOut.toString(StandardCharsets.UTF_8), capturedErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
