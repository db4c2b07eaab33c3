package io.ferrymq.it.harness;

import io.ferrymq.broker.cluster.BrokerProcess;
import io.ferrymq.broker.cluster.ClusterException;
import io.ferrymq.broker.cluster.ClusterMetadata;
import io.ferrymq.broker.cluster.ClusterTls;
import io.ferrymq.client.admin.AdminConfig;
import io.ferrymq.client.network.ClientSecurity;
import io.ferrymq.broker.cluster.LocalCluster;
import io.ferrymq.broker.cluster.Signal;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import io.ferrymq.common.protocol.responses.MetadataResponse.PartitionMetadata;
import io.ferrymq.coordinator.metadata.PartitionState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The integration-test cluster: ZooKeeper (embedded in the test JVM by default, or server
 * processes) and N broker JVMs started through {@link LocalCluster}, with the fault injections the
 * failure tests need, each aimed at one broker's exact PID: {@link #kill9}, {@link #sigterm},
 * {@link #pause} (SIGSTOP), {@link #resume} (SIGCONT), {@link #restart}, and
 * {@link #expireSession}. {@link #close()} stops everything, also when a test failed (use
 * try-with-resources or {@code @AfterEach}); a JVM shutdown hook is the last resort.
 *
 * <p>Session expiry: with the embedded ZooKeeper the server expires the session that owns
 * {@code /brokers/ids/<id>} ({@link EmbeddedZooKeeper#expireSession}) — the broker keeps running and
 * learns of it when it next talks to ZooKeeper, exactly like a real expiry. With ZooKeeper processes
 * (no server hook; ZooKeeper has no admin command to expire another client's session) the broker is
 * frozen with SIGSTOP until its registration disappears, then thawed with SIGCONT — the same thing a
 * long GC pause does. Leaders are looked up like a client does (Metadata request);
 * {@link #partitionState} reads the authoritative state (leader, epoch, ISR) from ZooKeeper. Thread-safe.
 */
public final class FerryCluster implements AutoCloseable {

    /** The name of the Kafka-protocol listener {@link FerryClusterBuilder#kafkaListener()} adds. */
    public static final String KAFKA_LISTENER = "KAFKA";

    private final LocalCluster cluster;
    private final Optional<EmbeddedZooKeeper> zookeeper;
    private final Duration sessionTimeout;
    private final Duration readyTimeout;

    FerryCluster(LocalCluster cluster, Optional<EmbeddedZooKeeper> zookeeper, Duration sessionTimeout, Duration readyTimeout) {
        this.cluster = cluster;
        this.zookeeper = zookeeper;
        this.sessionTimeout = sessionTimeout;
        this.readyTimeout = readyTimeout;
    }

    /** A builder for a cluster living under {@code baseDir} (use a {@code @TempDir}). */
    public static FerryClusterBuilder builder(Path baseDir) {
        return new FerryClusterBuilder(baseDir);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /**
     * The Kafka-protocol listeners of the running brokers ({@link FerryClusterBuilder#kafkaListener()}),
     * {@code host:port,...} as each broker registered them in ZooKeeper (the bound ports: they change
     * when a broker restarts), for a Kafka client's {@code bootstrap.servers}.
     */
    public String kafkaBootstrap() {
        List<String> addresses = cluster.brokers().stream().filter(BrokerProcess::isAlive)
                .map(b -> cluster.endpoint(b.id(), KAFKA_LISTENER).orElseThrow(() -> new IllegalStateException(
                        "broker " + b.id() + " has no " + KAFKA_LISTENER + " listener registered in ZooKeeper"
                        + " (not registered yet, or the cluster was built without kafkaListener())")))
                .map(e -> e.host() + ":" + e.port()).toList();
        if (addresses.isEmpty()) {
            throw new IllegalStateException("no broker is running");
        }
        return String.join(",", addresses);
    }

    /** What a client adds to its settings to reach this cluster: {@code security.protocol}, {@code ssl.*}, {@code sasl.*}, or nothing. */
    public Map<String, String> clientSettings() {
        Map<String, String> settings = new HashMap<>(cluster.config().tls().map(ClusterTls::clientSettings).orElse(Map.of()));
        cluster.config().scram().ifPresent(scram -> settings.putAll(scram.clientSettings()));
        return settings;
    }

    /** The same settings as the wire client's security, parsed as any client parses them. */
    public ClientSecurity clientSecurity() {
        Map<String, Object> props = new HashMap<>(clientSettings());
        props.put("bootstrap.servers", bootstrapServers());
        return AdminConfig.parse(props).security();
    }

    public String zookeeperConnect() {
        return cluster.zookeeperConnect();
    }

    public List<BrokerProcess> brokers() {
        return cluster.brokers();
    }

    public BrokerProcess broker(int id) {
        return cluster.broker(id);
    }

    /** The underlying launcher (ports, log files, config files, ZooKeeper processes). */
    public LocalCluster localCluster() {
        return cluster;
    }

    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    /** kill -9 the broker and wait for the process to exit. */
    public void kill9(int id) {
        broker(id).kill();
    }

    /** SIGTERM the broker and wait for its controlled shutdown (SIGKILL after the stop grace). */
    public void sigterm(int id) {
        broker(id).stop();
    }

    /** SIGSTOP: the broker freezes (no heartbeats, no requests answered). */
    public void pause(int id) {
        broker(id).signal(Signal.STOP);
    }

    /** SIGCONT after {@link #pause}. */
    public void resume(int id) {
        broker(id).signal(Signal.CONT);
    }

    /** Starts a stopped or killed broker again (same id, port and data) and waits until it is ready. */
    public void start(int id) {
        broker(id).start();
        broker(id).awaitReady(readyTimeout);
    }

    /** SIGTERM, then start again and wait until ready. */
    public void restart(int id) {
        broker(id).restart(readyTimeout);
    }

    /** True while {@code /brokers/ids/<id>} exists, i.e. the broker's ZooKeeper session is alive. */
    public boolean isRegistered(int id) {
        return cluster.isRegistered(id);
    }

    /**
     * Expires the broker's ZooKeeper session (see the class javadoc for how) and returns once its
     * registration is gone; the broker is running again when this returns.
     */
    public void expireSession(int id) {
        long session = cluster.registrationSession(id)
                .orElseThrow(() -> new IllegalStateException("broker " + id + " is not registered in ZooKeeper"));
        if (zookeeper.isPresent()) {
            zookeeper.get().expireSession(session);
            Waits.until("registration of broker " + id + " to vanish", sessionTimeout.multipliedBy(3), () -> !sessionIs(id, session));
            return;
        }
        pause(id);
        try {
            Waits.until("registration of broker " + id + " to vanish", sessionTimeout.multipliedBy(3), () -> !sessionIs(id, session));
        } finally {
            resume(id);
        }
    }

    private boolean sessionIs(int id, long session) {
        OptionalLong owner = cluster.registrationSession(id);
        return owner.isPresent() && owner.getAsLong() == session;
    }

    /**
     * The partition's leader as the cluster tells clients: a Metadata request to the running,
     * unpaused brokers (empty when no broker answers, the topic is unknown or the partition has no leader).
     */
    public OptionalInt leaderOf(TopicPartition tp) {
        String live = cluster.brokers().stream().filter(b -> b.isAlive() && !b.isPaused())
                .map(BrokerProcess::address).collect(Collectors.joining(","));
        if (live.isEmpty()) {
            return OptionalInt.empty();
        }
        MetadataResponse md;
        try {
            md = ClusterMetadata.fetch(live, Duration.ofSeconds(3), clientSecurity());
        } catch (ClusterException e) {
            return OptionalInt.empty();
        }
        return md.topics().stream().filter(t -> t.name().equals(tp.topic()))
                .flatMap(t -> t.partitions().stream()).filter(p -> p.partition() == tp.partition())
                .filter(p -> p.leaderId() != PartitionMetadata.NO_LEADER)
                .mapToInt(PartitionMetadata::leaderId).findFirst();
    }

    /** The partition's state (leader, epoch, ISR) as recorded in ZooKeeper. */
    public Optional<PartitionState> partitionState(TopicPartition tp) {
        return cluster.partitionState(tp);
    }

    /** Waits until the partition has a leader that is a running broker, and returns it. */
    public int awaitLeader(TopicPartition tp, Duration timeout) {
        Waits.until("a live leader for " + tp, timeout, () -> {
            OptionalInt leader = leaderOf(tp);
            return leader.isPresent() && broker(leader.getAsInt()).isAlive() && isRegistered(leader.getAsInt());
        });
        return leaderOf(tp).orElseThrow();
    }

    /** Stops every broker, the ZooKeeper processes and the embedded ZooKeeper. Idempotent. */
    @Override
    public void close() {
        try {
            cluster.close();
        } finally {
            zookeeper.ifPresent(EmbeddedZooKeeper::close);
        }
    }
}
