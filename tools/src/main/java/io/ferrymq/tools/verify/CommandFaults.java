package io.ferrymq.tools.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Faults through a user-supplied command ({@code ferry verify --fault-command CMD}): {@code CMD start}
 * begins a fault and {@code CMD stop} heals it, each run by {@code /bin/sh -c} with the word appended
 * as its last argument, so CMD may be a script path with arguments of its own. The environment carries
 * {@code FERRY_VERIFY_FAULT} (the {@code --faults} kind, lower case), {@code FERRY_VERIFY_TOPIC} and
 * {@code FERRY_VERIFY_BOOTSTRAP}. A run that exits non-zero, or outlives {@code timeout} (then it is
 * killed), is reported in the description, not thrown: the workload goes on and the report shows it.
 * Used from one thread at a time.
 */
public final class CommandFaults implements FaultInjector {

    private final String command;
    private final Map<String, String> environment;
    private final Duration timeout;

    public CommandFaults(String command, FaultKind kind, String topic, String bootstrap, Duration timeout) {
        this.command = command;
        this.environment = Map.of("FERRY_VERIFY_FAULT", kind.name().toLowerCase(java.util.Locale.ROOT),
                "FERRY_VERIFY_TOPIC", topic, "FERRY_VERIFY_BOOTSTRAP", bootstrap);
        this.timeout = timeout;
    }

    @Override
    public String begin() {
        return run("start");
    }

    @Override
    public String end() {
        return run("stop");
    }

    private String run(String word) {
        ProcessBuilder builder = new ProcessBuilder(List.of("/bin/sh", "-c", command + " \"$@\"", "ferry-fault", word))
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return "fault command '" + command + " " + word + "' did not finish within " + timeout.toMillis() + " ms; killed";
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String firstLine = output.lines().findFirst().orElse("");
            String head = "fault command '" + command + " " + word + "'";
            return process.exitValue() == 0
                    ? head + (firstLine.isEmpty() ? "" : ": " + firstLine)
                    : head + " FAILED (exit " + process.exitValue() + ")" + (firstLine.isEmpty() ? "" : ": " + firstLine);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the fault command '" + command + " " + word + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "fault command '" + command + " " + word + "' interrupted";
        }
    }
}
