package io.ferrymq.broker.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One child process started by the launcher: its stdout and stderr appended to one log file,
 * its PID recorded in a {@link PidFile} while it runs. Signals go to this exact PID only
 * (TERM/KILL through {@link ProcessHandle}, STOP/CONT through {@code kill -s}); nothing is ever
 * looked up by name. Thread-safe.
 */
public final class ManagedProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedProcess.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Path pidDir;
    private volatile boolean paused;

    private ManagedProcess(String name, Process process, Path logFile, Path pidDir) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.pidDir = pidDir;
    }

    /** Starts {@code command} in {@code workDir}, output appended to {@code logFile}, PID recorded in {@code pidDir}. */
    public static ManagedProcess start(String name, List<String> command, Path workDir, Path logFile, Path pidDir) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(workDir);
            Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            PidFile.of(name, p.toHandle()).write(pidDir);
            LOG.info("started {} (pid {}), log {}", name, p.pid(), logFile);
            return new ManagedProcess(name, p, logFile, pidDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public boolean isPaused() {
        return paused && process.isAlive();
    }

    /** Sends a signal to this process. */
    public void signal(Signal signal) {
        switch (signal) {
            case TERM -> process.destroy();
            case KILL -> process.destroyForcibly();
            case STOP, CONT -> kill(signal);
        }
        paused = signal == Signal.STOP || (paused && signal != Signal.CONT);
        LOG.info("sent SIG{} to {} (pid {})", signal, name, pid());
    }

    /** Waits up to {@code timeout} for the process to exit; true when it has. */
    public boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The exit status once exited. */
    public java.util.OptionalInt exitCode() {
        return process.isAlive() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(process.exitValue());
    }

    /** SIGTERM (thawing a paused process so it can act on it), SIGKILL after {@code grace}; removes the PID file. */
    public void stop(Duration grace) {
        if (process.isAlive()) {
            process.destroy();
            if (paused) {
                kill(Signal.CONT);
                paused = false;
            }
            terminate(process.toHandle(), grace);
        }
        PidFile.delete(pidDir, name);
    }

    /** Kill -9 and wait for the exit; removes the PID file. */
    public void kill() {
        if (process.isAlive()) {
            signal(Signal.KILL);
        }
        awaitExit(KILL_WAIT);
        PidFile.delete(pidDir, name);
    }

    /** Waits {@code grace} after a SIGTERM already sent (or sends one), then SIGKILLs; bounded. */
    static void terminate(ProcessHandle handle, Duration grace) {
        handle.destroy();
        CompletableFuture<ProcessHandle> exit = handle.onExit();
        try {
            exit.get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("pid {} did not stop within {} ms of SIGTERM; sending SIGKILL", handle.pid(), grace.toMillis());
            handle.destroyForcibly();
            try {
                exit.get(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException again) {
                LOG.error("pid {} still alive after SIGKILL", handle.pid(), again);
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("waiting for pid {} failed", handle.pid(), e);
        }
    }

    private void kill(Signal signal) {
        try {
            Process k = new ProcessBuilder("kill", "-s", signal.name(), Long.toString(pid()))
                    .redirectErrorStream(true).start();
            if (!k.waitFor(10, TimeUnit.SECONDS) || k.exitValue() != 0) {
                throw new IllegalStateException("kill -s " + signal + " " + pid() + " failed: "
                        + new String(k.getInputStream().readAllBytes()).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -s " + signal + " " + pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + signal + " to " + name, e);
        }
    }
}
