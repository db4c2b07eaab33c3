package io.ferrymq.broker.cluster;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record of one child process in {@code <dir>/<name>.pid}: its PID, its start instant and its
 * name (Java properties format). {@link #stopLeftovers(Path, Duration)} uses these files to stop
 * what a crashed launcher left running, and only processes whose PID, start instant and command
 * line (it must run {@link JavaCommand#MAIN_CLASS}) still match — a PID reused by an unrelated
 * process is never signalled. Immutable; the static methods are thread-safe per directory.
 */
public record PidFile(String name, long pid, Optional<Instant> startInstant) {

    private static final Logger LOG = LoggerFactory.getLogger(PidFile.class);

    /** The record of a running process handle. */
    public static PidFile of(String name, ProcessHandle handle) {
        return new PidFile(name, handle.pid(), handle.info().startInstant());
    }

    /** Writes {@code <dir>/<name>.pid} atomically. */
    public void write(Path dir) {
        Properties p = new Properties();
        p.setProperty("name", name);
        p.setProperty("pid", Long.toString(pid));
        startInstant.ifPresent(i -> p.setProperty("start", i.toString()));
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(name + ".pid.tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "Ferry child process; stopped by PID only when start time and command line match");
            }
            Files.move(tmp, dir.resolve(name + ".pid"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PID file of " + name + " in " + dir, e);
        }
    }

    /** Deletes {@code <dir>/<name>.pid} if present. */
    public static void delete(Path dir, String name) {
        try {
            Files.deleteIfExists(dir.resolve(name + ".pid"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the PID file of " + name + " in " + dir, e);
        }
    }

    /** Every readable PID file in {@code dir} (none when the directory does not exist). */
    public static List<PidFile> readAll(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<PidFile> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
                read(f).ifPresent(result::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list PID files in " + dir, e);
        }
        return result;
    }

    private static Optional<PidFile> read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
            return Optional.of(new PidFile(p.getProperty("name", file.getFileName().toString()),
                    Long.parseLong(p.getProperty("pid", "-1")),
                    Optional.ofNullable(p.getProperty("start")).map(Instant::parse)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring unreadable PID file {}", file, e);
            return Optional.empty();
        }
    }

    /** The live process this file describes, if it still is that process. */
    public Optional<ProcessHandle> liveProcess() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::matches);
    }

    private boolean matches(ProcessHandle handle) {
        ProcessHandle.Info info = handle.info();
        boolean sameStart = startInstant.isEmpty() || info.startInstant().isEmpty()
                || Duration.between(startInstant.get(), info.startInstant().get()).abs().toMillis() < 1_000;
        boolean ferry = info.commandLine().map(c -> c.contains(JavaCommand.MAIN_CLASS)).orElse(false);
        return sameStart && ferry;
    }

    /**
     * Stops every still-running process recorded in {@code dir} (SIGTERM, then SIGKILL after
     * {@code grace}), deletes the files and returns the names of the processes it stopped. ZooKeeper
     * servers go last: a broker whose ZooKeeper is gone cannot finish its controlled shutdown.
     */
    public static List<String> stopLeftovers(Path dir, Duration grace) {
        List<String> stopped = new ArrayList<>();
        List<PidFile> files = new ArrayList<>(readAll(dir));
        files.sort(Comparator.comparing((PidFile f) -> f.name().startsWith("zookeeper")).thenComparing(PidFile::name));
        for (PidFile f : files) {
            f.liveProcess().ifPresent(h -> {
                LOG.warn("stopping leftover {} (pid {})", f.name(), f.pid());
                ManagedProcess.terminate(h, grace);
                stopped.add(f.name() + " (pid " + f.pid() + ")");
            });
            delete(dir, f.name());
        }
        return stopped;
    }
}
