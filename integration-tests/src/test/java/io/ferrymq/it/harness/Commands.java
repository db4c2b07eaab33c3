package io.ferrymq.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs any command (a forked JVM, a shell script, an external tool) to completion as a child
 * process, output captured in {@code <workDir>/<name>.out} and {@code .err}, as {@link FerryLauncher}
 * does for {@code bin/ferry}. A command that outlives its timeout, or whose waiting thread is
 * interrupted, is stopped by its own handle before this returns or throws: first the processes it
 * started (a script's tools, by their handles), then itself (SIGTERM, then SIGKILL).
 * Stateless; each call owns its process.
 */
public final class Commands {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private Commands() {
    }

    /** The {@code java} binary of the running JVM. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs {@code command} in {@code workDir} within {@code timeout}. */
    public static FerryLauncher.Result run(Path workDir, String name, Duration timeout, List<String> command) {
        Process p;
        try {
            Files.createDirectories(workDir);
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(workDir.resolve(name + ".out").toFile())
                    .redirectError(workDir.resolve(name + ".err").toFile());
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(p);
                throw new AssertionError(name + " did not finish within " + timeout + ": " + command
                        + "\n" + FerryLauncher.output(workDir, name, -1));
            }
            return FerryLauncher.output(workDir, name, p.exitValue());
        } catch (InterruptedException e) {
            stop(p);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + name, e);
        }
    }

    private static void stop(Process p) {
        p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        FerryLauncher.stop(p, STOP_GRACE);
    }
}
