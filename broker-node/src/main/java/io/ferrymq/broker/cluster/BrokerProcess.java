package io.ferrymq.broker.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One broker of a {@link LocalCluster}: a fixed id, listener port, admin HTTP port, data
 * directory and config file (written once, so a restart comes back with the same identity and
 * data), and the current JVM process if one runs. Readiness: {@code GET /health/ready} answers
 * 200, or, while the admin server does not answer at all, the listener accepts connections and
 * the broker is registered in ZooKeeper. Thread-safe (lifecycle methods are synchronized).
 */
public final class BrokerProcess {

    private final int id;
    private final int port;
    private final int adminPort;
    private final Path dir;
    private final Path configFile;
    private final ClusterContext context;
    private Optional<ManagedProcess> process = Optional.empty();

    BrokerProcess(int id, int port, int adminPort, List<String> extraListeners, ClusterContext context,
                  Map<String, String> overrides) {
        this.id = id;
        this.port = port;
        this.adminPort = adminPort;
        this.context = context;
        this.dir = context.baseDir().resolve("broker-" + id);
        this.configFile = dir.resolve("broker.properties");
        writeConfig(overrides, extraListeners);
    }

    private void writeConfig(Map<String, String> overrides, List<String> extraListeners) {
        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("broker.id", Integer.toString(id));
        cfg.put("listeners", "PLAINTEXT://" + host() + ":" + port);
        cfg.put("log.dirs", dir.resolve("data").toString());
        cfg.put("zookeeper.connect", context.zookeeperConnect());
        cfg.put("admin.http.host", host());
        cfg.put("admin.http.port", Integer.toString(adminPort));
        context.tls().ifPresent(tls -> cfg.putAll(tls.brokerSettings(id, port)));
        context.scram().ifPresent(scram -> cfg.putAll(scram.brokerSettings(port)));
        cfg.putAll(overrides);
        extraListeners.forEach(extra -> cfg.put("listeners", cfg.get("listeners") + "," + extra));
        StringBuilder text = new StringBuilder("# broker ").append(id).append(", written by the Ferry local cluster launcher\n");
        cfg.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            Files.createDirectories(dir);
            Files.writeString(configFile, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + configFile, e);
        }
    }

    public int id() {
        return id;
    }

    public int port() {
        return port;
    }

    public int adminPort() {
        return adminPort;
    }

    /** {@code <host>:<port>} (127.0.0.1 unless the cluster's {@link ProcessNetwork} says otherwise), for {@code --bootstrap-server}. */
    public String address() {
        return host() + ":" + port;
    }

    /** The address this broker binds and advertises. */
    public String host() {
        return context.network().host("broker-" + id);
    }

    public Path configFile() {
        return configFile;
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    public Path logFile() {
        return context.logDir().resolve("broker-" + id + ".log");
    }

    /** The running process's PID. */
    public synchronized OptionalInt pid() {
        return process.filter(ManagedProcess::isAlive).map(p -> OptionalInt.of((int) p.pid())).orElse(OptionalInt.empty());
    }

    /** True while the process is frozen by SIGSTOP. */
    public synchronized boolean isPaused() {
        return process.map(ManagedProcess::isPaused).orElse(false);
    }

    public synchronized boolean isAlive() {
        return process.map(ManagedProcess::isAlive).orElse(false);
    }

    /** Starts the broker JVM unless one is running (does not wait; see {@link #awaitReady}). */
    public synchronized void start() {
        if (isAlive()) {
            return;
        }
        List<String> cmd = context.commandLine("broker-" + id, List.of("broker", "--config", configFile.toString()));
        process = Optional.of(ManagedProcess.start("broker-" + id, cmd, dir, logFile(), context.pidDir()));
    }

    /** Graceful stop: SIGTERM, SIGKILL after the cluster's grace. No-op when not running. */
    public synchronized void stop() {
        process.ifPresent(p -> p.stop(context.stopGrace()));
    }

    /** Crash: kill -9, waits for the exit. */
    public synchronized void kill() {
        process.filter(ManagedProcess::isAlive).ifPresent(ManagedProcess::kill);
    }

    /** Sends a signal (STOP/CONT to freeze and thaw, TERM without waiting, KILL without waiting). */
    public synchronized void signal(Signal signal) {
        process.filter(ManagedProcess::isAlive)
                .orElseThrow(() -> new ClusterException("broker " + id + " is not running"))
                .signal(signal);
    }

    /** Stops (SIGTERM) and starts again, then waits until ready. */
    public void restart(Duration timeout) {
        stop();
        start();
        awaitReady(timeout);
    }

    /** True when the broker answers ready (see class javadoc). */
    public boolean isReady() {
        if (!isAlive()) {
            return false;
        }
        OptionalInt status = Probes.httpStatus(host(), adminPort, "/health/ready");
        if (status.isPresent()) {
            return status.getAsInt() == 200;
        }
        return Probes.tcpOpen(host(), port) && context.isRegistered(id);
    }

    /** Waits until ready; throws naming the broker (with its log tail) on timeout or if it exits. */
    public void awaitReady(Duration timeout) {
        Probes.await("broker " + id + " on " + address() + " to be ready", timeout, () -> {
            if (!isAlive()) {
                throw new ClusterException("broker " + id + " exited during start-up" + Probes.tail(logFile(), 30));
            }
            return isReady();
        }, () -> Probes.tail(logFile(), 30));
    }
}
