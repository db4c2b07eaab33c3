package io.ferrymq.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code bin/ferry} launcher of this checkout as a child process, output captured
 * in files under a work directory. Refuses to run when broker-node has not been packaged (so a
 * test never triggers a nested Maven build). A command that outlives its timeout is stopped with
 * SIGTERM, then SIGKILL, and reported. Stateless; each call owns its process.
 */
public final class FerryLauncher {

    private FerryLauncher() {
    }

    /** What a finished command did. */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    /** The checkout's root (the directory holding {@code bin/ferry}), found upwards from the working directory. */
    public static Path home() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve("bin").resolve("ferry"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("bin/ferry not found above " + Path.of("").toAbsolutePath());
        }
        Path lib = dir.resolve("broker-node").resolve("target").resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("broker-node is not packaged (" + lib + " missing): run mvn package first");
        }
        return dir;
    }

    /** Starts {@code bin/ferry args...} with stdout/stderr going to files in {@code workDir}. */
    public static Process start(Path workDir, String name, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(home().resolve("bin").resolve("ferry").toString());
        cmd.addAll(args);
        try {
            Files.createDirectories(workDir);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                    .redirectOutput(workDir.resolve(name + ".out").toFile())
                    .redirectError(workDir.resolve(name + ".err").toFile());
            pb.environment().put("FERRY_LOG_DIR", workDir.resolve("logs").toString());
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd, e);
        }
    }

    /** Runs {@code bin/ferry args...} to completion within {@code timeout}. */
    public static Result run(Path workDir, String name, Duration timeout, String... args) {
        Process p = start(workDir, name, List.of(args));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(p, Duration.ofSeconds(30));
                throw new AssertionError("bin/ferry " + String.join(" ", args) + " did not finish within " + timeout
                        + "\n" + output(workDir, name, -1));
            }
            return output(workDir, name, p.exitValue());
        } catch (InterruptedException e) {
            stop(p, Duration.ofSeconds(30));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The captured output of a command started with {@link #start}. */
    public static Result output(Path workDir, String name, int exitCode) {
        return new Result(exitCode, read(workDir.resolve(name + ".out")), read(workDir.resolve(name + ".err")));
    }

    /** SIGTERM, then SIGKILL after {@code grace}. */
    public static void stop(Process p, Duration grace) {
        p.destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
