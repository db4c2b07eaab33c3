package io.ferrymq.broker.cluster;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.registry.BrokerEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Ferry cluster on this machine, every server a separate JVM ({@code FerryMain zookeeper} and
 * {@code FerryMain broker}) on free 127.0.0.1 ports (or where the config's {@link ProcessNetwork} places
 * each, launched through its prefix), so a kill is a real kill. Layout under the
 * base directory: {@code zookeeper-<n>/} and {@code broker-<id>/} (config and data),
 * {@code logs/<process>.log} (stdout and stderr), {@code pids/<process>.pid}. Start-up first
 * stops processes a crashed earlier run left behind (verified by PID, start time and command line,
 * see {@link PidFile}), then starts ZooKeeper and waits until it serves, then the brokers and waits
 * until each is ready; every wait is bounded. {@link #close()} stops everything it started (SIGTERM,
 * SIGKILL after the grace), also from a JVM shutdown hook if the owner never calls it.
 * Thread-safe.
 */
public final class LocalCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);

    private final LocalClusterConfig config;
    private final ClusterContext context;
    private final List<ManagedProcess> zookeepers = Collections.synchronizedList(new ArrayList<>());
    private final List<BrokerProcess> brokers = new ArrayList<>();
    private final Thread shutdownHook;
    private volatile boolean closed;

    private LocalCluster(LocalClusterConfig config) {
        this.config = config;
        this.context = new ClusterContext(config);
        this.shutdownHook = new Thread(this::stopAll, "ferry-local-cluster-shutdown");
    }

    /** Starts the cluster and waits until every process is ready; on failure stops what it started. */
    public static LocalCluster start(LocalClusterConfig config) {
        LocalCluster cluster = new LocalCluster(config);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.prepare();
            cluster.startZooKeeper();
            cluster.startBrokers();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void prepare() {
        List<String> leftovers = PidFile.stopLeftovers(context.pidDir(), config.stopGrace());
        if (!leftovers.isEmpty()) {
            LOG.warn("stopped processes left by an earlier run: {}", leftovers);
        }
        try {
            Files.createDirectories(context.logDir());
            Files.writeString(config.baseDir().resolve("logback.xml"), LOGBACK);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + config.baseDir(), e);
        }
    }

    private void startZooKeeper() {
        if (config.externalZooKeeper().isPresent()) {
            context.zookeeperConnect(config.externalZooKeeper().get());
            return;
        }
        int n = config.zookeeperNodes();
        List<Integer> ports = FreePorts.pick(3 * n);
        List<ZooKeeperNode> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(new ZooKeeperNode(i + 1, config.network().host("zookeeper-" + (i + 1)), ports.get(3 * i),
                    ports.get(3 * i + 1), ports.get(3 * i + 2),
                    config.baseDir().resolve("zookeeper-" + (i + 1)).resolve("data")));
        }
        for (ZooKeeperNode node : nodes) {
            String name = "zookeeper-" + node.id();
            Path cfg = node.writeConfig(config.baseDir().resolve(name).resolve("zookeeper.properties"), nodes);
            List<String> args = n == 1
                    ? List.of("zookeeper", "--host", node.host(), "--port", Integer.toString(node.clientPort()),
                            "--data-dir", node.dataDir().toString(), "--tick-time", Integer.toString(ZooKeeperNode.TICK_TIME_MS))
                    : List.of("zookeeper", "--config", cfg.toString());
            List<String> cmd = context.commandLine(name, args);
            zookeepers.add(ManagedProcess.start(name, cmd, config.baseDir().resolve(name), context.logDir().resolve(name + ".log"),
                    context.pidDir()));
        }
        context.zookeeperConnect(nodes.stream().map(ZooKeeperNode::clientAddress).collect(Collectors.joining(",")));
        for (int i = 0; i < n; i++) {
            awaitZooKeeper(nodes.get(i), zookeepers.get(i));
        }
    }

    private void awaitZooKeeper(ZooKeeperNode node, ManagedProcess process) {
        Probes.await("ZooKeeper " + node.id() + " on " + node.clientAddress() + " to serve", config.startTimeout(), () -> {
            if (!process.isAlive()) {
                throw new ClusterException("ZooKeeper " + node.id() + " exited during start-up" + Probes.tail(process.logFile(), 30));
            }
            return Probes.zooKeeperMode(node.host(), node.clientPort()).isPresent();
        }, () -> Probes.tail(process.logFile(), 30));
    }

    private void startBrokers() {
        config.scram().ifPresent(scram -> scram.createUsers(context.zookeeperConnect()));
        int extras = config.extraListeners().size();
        int perBroker = 2 + extras;
        List<Integer> ports = FreePorts.pick(perBroker * config.brokers());
        for (int i = 0; i < config.brokers(); i++) {
            List<String> extraListeners = new ArrayList<>();
            for (int e = 0; e < extras; e++) {
                extraListeners.add(withPickedPort(config.extraListeners().get(e), ports.get(perBroker * i + 2 + e)));
            }
            brokers.add(new BrokerProcess(i + 1, ports.get(perBroker * i), ports.get(perBroker * i + 1), extraListeners,
                    context, config.brokerOverrides()));
        }
        brokers.forEach(BrokerProcess::start);
        brokers.forEach(b -> b.awaitReady(config.startTimeout()));
        LOG.info("local cluster ready: brokers {} with ZooKeeper {}", bootstrapServers(), zookeeperConnect());
    }

    /**
     * {@code listener} with {@code port} where it asks for a free one (port 0): picked with the brokers'
     * own ports, so no broker's listener can take a port another broker was given, and a restarted
     * broker keeps its address.
     */
    static String withPickedPort(String listener, int port) {
        return listener.endsWith(":0") ? listener.substring(0, listener.length() - 1) + port : listener;
    }

    /** Every broker address, e.g. {@code 127.0.0.1:41000,127.0.0.1:41002}. */
    public String bootstrapServers() {
        return brokers.stream().map(BrokerProcess::address).collect(Collectors.joining(","));
    }

    /** The ZooKeeper connect string the brokers use (hosts only; the chroot is the default {@code /ferry}). */
    public String zookeeperConnect() {
        return context.zookeeperConnect();
    }

    public LocalClusterConfig config() {
        return config;
    }

    /** The brokers, by ascending id (1..n). */
    public List<BrokerProcess> brokers() {
        return List.copyOf(brokers);
    }

    /** The broker with this id. */
    public BrokerProcess broker(int id) {
        return brokers.stream().filter(b -> b.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no broker " + id + " in this cluster (ids 1.." + brokers.size() + ")"));
    }

    /** The ZooKeeper server processes this cluster started (empty with an external ZooKeeper). */
    public List<ManagedProcess> zookeeperProcesses() {
        return List.copyOf(zookeepers);
    }

    /** True when {@code /brokers/ids/<id>} exists in ZooKeeper (the broker's session is alive). */
    public boolean isRegistered(int brokerId) {
        return context.isRegistered(brokerId);
    }

    /** The partition's leader, epoch and ISR as recorded in ZooKeeper (the source of truth), if the topic exists. */
    public Optional<PartitionState> partitionState(TopicPartition tp) {
        return context.partitionState(tp);
    }

    /** The ZooKeeper session that owns broker {@code id}'s registration (to expire it on purpose). */
    public OptionalLong registrationSession(int brokerId) {
        return context.registrationSession(brokerId);
    }

    /**
     * Where broker {@code brokerId}'s listener {@code listenerName} is reachable, as the broker
     * registered it (the bound port when it was configured with port 0); empty while the broker
     * is not registered or has no such listener.
     */
    public Optional<BrokerEndpoint> endpoint(int brokerId, String listenerName) {
        return context.registration(brokerId).flatMap(info -> info.endpoint(listenerName));
    }

    /** Waits until every running broker is ready. */
    public void awaitAllReady(Duration timeout) {
        brokers.stream().filter(BrokerProcess::isAlive).forEach(b -> b.awaitReady(timeout));
    }

    /** Stops every process this cluster started (brokers first, in parallel, then ZooKeeper). Idempotent. */
    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran; nothing to remove
        }
    }

    private synchronized void stopAll() {
        if (closed) {
            return;
        }
        closed = true;
        context.close();
        brokers.parallelStream().forEach(BrokerProcess::stop);
        zookeepers.forEach(z -> z.stop(config.stopGrace()));
        LOG.info("local cluster under {} stopped", config.baseDir());
    }

    private static final String LOGBACK = """
            <configuration>
              <!-- Written by the Ferry local cluster launcher: stdout goes to logs/<process>.log. -->
              <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
              </appender>
              <logger name="org.apache.zookeeper" level="WARN"/>
              <logger name="org.apache.curator" level="WARN"/>
              <logger name="io.netty" level="WARN"/>
              <root level="INFO"><appender-ref ref="STDOUT"/></root>
            </configuration>
            """;
}
