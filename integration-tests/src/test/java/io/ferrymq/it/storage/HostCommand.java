package io.ferrymq.it.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one host command ({@code mount}, {@code mkfs.ext4}, {@code xfs_io}, ...) to completion within a
 * bound, its stdout and stderr merged into a temporary file, and says precisely what failed: the command
 * line, the exit code and the output. A command past its bound is killed. Also answers whether this JVM
 * runs as root and whether a tool is installed. Stateless and thread-safe.
 */
final class HostCommand {

    /** What a finished command did. */
    record Result(int exitCode, String output) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final List<Path> TOOL_DIRS = List.of(Path.of("/usr/sbin"), Path.of("/sbin"), Path.of("/usr/bin"),
            Path.of("/bin"));

    private HostCommand() {
    }

    /** True when this process's user id is 0 (the owner of {@code /proc/self} is the process's uid). */
    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Throws naming the missing tool and the Debian package that has it. */
    static void requireTool(String tool, String debianPackage) {
        if (TOOL_DIRS.stream().noneMatch(dir -> Files.isExecutable(dir.resolve(tool)))) {
            throw new IllegalStateException(tool + " is not installed (in none of " + TOOL_DIRS + "): "
                    + "apt-get install -y " + debianPackage + " (.ci/run does)");
        }
    }

    /** Runs the command; throws with its output unless it exits with one of {@code okCodes} (0 when none given). */
    static Result run(List<String> command, int... okCodes) {
        Result result = attempt(command);
        boolean ok = okCodes.length == 0 ? result.exitCode() == 0
                : Arrays.stream(okCodes).anyMatch(c -> c == result.exitCode());
        if (!ok) {
            throw new IllegalStateException("`" + String.join(" ", command) + "` exited with " + result.exitCode()
                    + ": " + result.output().strip());
        }
        return result;
    }

    /** Runs the command and returns what it did, whatever its exit code. */
    static Result attempt(List<String> command) {
        Path output = null;
        try {
            output = Files.createTempFile("ferry-host-command", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException("`" + String.join(" ", command) + "` did not finish within " + TIMEOUT);
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run `" + String.join(" ", command) + "`", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running `" + String.join(" ", command) + "`", e);
        } finally {
            deleteQuietly(output);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("could not delete " + file + ": " + e);
        }
    }
}
