package io.ferrymq.test;

import io.ferrymq.broker.cluster.Probes;
import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.admin.AdminConfig;
import io.ferrymq.client.admin.FerryAdmin;
import io.ferrymq.client.admin.NewTopic;
import io.ferrymq.client.admin.TopicDescription;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.metadata.PartitionState;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.zookeeper.ZooKeeper;

/**
 * A Ferry cluster inside the test JVM for users' own tests: ZooKeeper (curator-test's
 * {@code TestingServer}, or its {@code TestingCluster} for an ensemble) and N {@link EmbeddedBroker}s on free loopback ports, each with its own
 * log directory. Build one with {@link #builder()}, or let the JUnit 5 extension
 * ({@code io.ferrymq.test.junit5.FerryCluster}) do it; {@link #close()} stops everything and
 * deletes the data it created.
 *
 * <p>Clients: {@link #bootstrapServers()} (Ferry's protocol), {@link #kafkaBootstrapServers()}
 * (Kafka's), and {@link #admin()}, {@link #producers()}, {@link #consumers()}. Faults, each aimed at
 * one broker and returning once the cluster can see it: {@link #killBroker} (no controlled
 * shutdown), {@link #shutdownBroker} (controlled), {@link #restartBroker}, {@link #expireSession};
 * and, with an ensemble, {@link #killZooKeeperServer} and {@link #restartZooKeeperServer}.
 * Leaders and ISRs are read from ZooKeeper, where the brokers record them.
 *
 * <p>Thread-safe.
 */
public final class FerryTestCluster implements AutoCloseable {

    private final ClusterSettings settings;
    private final Path base;
    private final ZooKeeperServers zookeeper;
    private final ZooKeeperView view;
    private final List<EmbeddedBroker> brokers;
    private final AtomicBoolean closed = new AtomicBoolean();

    FerryTestCluster(ClusterSettings settings, Path base, ZooKeeperServers zookeeper, ZooKeeperView view,
                     List<EmbeddedBroker> brokers) {
        this.settings = settings;
        this.base = base;
        this.zookeeper = zookeeper;
        this.view = view;
        this.brokers = List.copyOf(brokers);
    }

    public static FerryTestClusterBuilder builder() {
        return new FerryTestClusterBuilder();
    }

    /** {@code host:port,...} of every broker's Ferry listener (stopped ones too: they come back on the same port). */
    public String bootstrapServers() {
        return join(brokers.stream().map(EmbeddedBroker::address).toList());
    }

    /** {@code host:port,...} of every broker's Kafka listener, for a Kafka client's {@code bootstrap.servers}. */
    public String kafkaBootstrapServers() {
        if (!settings.kafkaListener()) {
            throw new IllegalStateException("this cluster was built with kafkaListener(false)");
        }
        return join(brokers.stream().map(b -> b.kafkaAddress().orElseThrow()).toList());
    }

    /** ZooKeeper's connect string (the brokers use the chroot {@code /ferry} under it). */
    public String zooKeeperConnect() {
        return zookeeper.connectString();
    }

    public List<EmbeddedBroker> brokers() {
        return brokers;
    }

    public EmbeddedBroker broker(int id) {
        if (id < 0 || id >= brokers.size()) {
            throw new IllegalArgumentException("no broker " + id + ": the ids are 0.." + (brokers.size() - 1));
        }
        return brokers.get(id);
    }

    /** A new admin client for this cluster; the caller closes it. */
    public Admin admin() {
        return FerryAdmin.create(Map.of(AdminConfig.BOOTSTRAP_SERVERS, bootstrapServers()));
    }

    private Admin admin(Duration callTimeout) {
        String ms = Long.toString(callTimeout.toMillis());
        return FerryAdmin.create(Map.of(AdminConfig.BOOTSTRAP_SERVERS, bootstrapServers(),
                AdminConfig.DEFAULT_API_TIMEOUT_MS, ms, AdminConfig.REQUEST_TIMEOUT_MS, ms));
    }

    public ProducerFactory producers() {
        return new ProducerFactory(this::bootstrapServers);
    }

    public ConsumerFactory consumers() {
        return new ConsumerFactory(this::bootstrapServers);
    }

    /** Creates a topic and waits until every partition has a leader and a full ISR. */
    public void createTopic(TopicSpec topic) {
        try (Admin admin = admin(settings.timeout())) {
            admin.createTopics(List.of(new NewTopic(topic.name(), topic.partitions(), (short) topic.replicationFactor())));
        }
        awaitFullyReplicated(topic.name());
    }

    /** Waits until every partition of the topic has a leader and all its replicas in sync (after a restart, say). */
    public void awaitFullyReplicated(String topic) {
        // each describe gives up after 2 s, so a call stuck on a stopped broker cannot outlast the deadline
        try (Admin admin = admin(Duration.ofSeconds(2))) {
            Probes.await("every partition of " + topic + " to have a leader and a full ISR", settings.timeout(),
                    () -> isFullyReplicated(admin, topic), () -> "");
        }
    }

    private static boolean isFullyReplicated(Admin admin, String topic) {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).get(topic);
            return description != null && description.partitions().stream().allMatch(p ->
                    p.leader().isPresent() && Set.copyOf(p.isr()).equals(Set.copyOf(p.replicas())));
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** The partition's leader as ZooKeeper records it; empty when it has none or does not exist. */
    public OptionalInt leaderOf(TopicPartition tp) {
        return view.partitionState(tp).filter(PartitionState::hasLeader)
                .map(s -> OptionalInt.of(s.leader())).orElse(OptionalInt.empty());
    }

    /** The partition's in-sync replicas as ZooKeeper records them; empty when it does not exist. */
    public List<Integer> inSyncReplicas(TopicPartition tp) {
        return view.partitionState(tp).map(PartitionState::isr).orElse(List.of());
    }

    /** True while the broker's registration ({@code /brokers/ids/<id>}) exists. */
    public boolean isRegistered(int id) {
        return view.registrationSession(id).isPresent();
    }

    /** Hard stop, like a crash: no controlled shutdown; returns once its registration is gone. */
    public void killBroker(int id) {
        broker(id).kill();
        awaitUnregistered(id, OptionalLong.empty());
    }

    /** Controlled shutdown: leaderships move to in-sync followers, then the broker stops. */
    public void shutdownBroker(int id) {
        broker(id).shutdown();
        awaitUnregistered(id, OptionalLong.empty());
    }

    /** Starts a killed or shut down broker again (same ports, same data), killing it first when it runs. */
    public void restartBroker(int id) {
        EmbeddedBroker broker = broker(id);
        if (broker.isRunning()) {
            killBroker(id);
        }
        broker.start();
    }

    /**
     * Expires the broker's ZooKeeper session on the server, as a timeout would: its registration
     * and leader latches vanish at once, other brokers take over its leaderships, and the broker
     * learns of the expiry when it next talks to ZooKeeper and registers again with a new session.
     * Returns once the old session's registration is gone.
     */
    public void expireSession(int id) {
        ZooKeeper session;
        try {
            session = broker(id).broker().zooKeeper().curator().getZookeeperClient().getZooKeeper();
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach broker " + id + "'s ZooKeeper session", e);
        }
        long sessionId = session.getSessionId();
        SessionExpiry.expire(zooKeeperConnect(), sessionId, session.getSessionPasswd(), settings.timeout());
        awaitUnregistered(id, OptionalLong.of(sessionId));
    }

    /** Stops ZooKeeper server {@code index} (0-based) of an ensemble ({@link FerryTestClusterBuilder#zooKeeperServers}). */
    public void killZooKeeperServer(int index) {
        zookeeper.kill(index);
    }

    /** Starts ZooKeeper server {@code index} of an ensemble again, with its data. */
    public void restartZooKeeperServer(int index) {
        zookeeper.restart(index);
    }

    private void awaitUnregistered(int id, OptionalLong session) {
        Probes.await("the registration of broker " + id + " to vanish", settings.timeout(), () -> {
            OptionalLong owner = view.registrationSession(id);
            return owner.isEmpty() || session.isPresent() && owner.getAsLong() != session.getAsLong();
        }, () -> "");
    }

    /**
     * Stops every broker (no controlled shutdown: the whole cluster goes), then ZooKeeper; deletes
     * the data it created. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = new IllegalStateException("closing the Ferry test cluster failed");
        brokers.forEach(b -> closeQuietly(b::kill, failure));
        closeQuietly(view, failure);
        closeQuietly(zookeeper, failure);
        if (settings.baseDirectory().isEmpty()) {
            TempDirectories.delete(base);
        }
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private static String join(List<InetSocketAddress> addresses) {
        return addresses.stream().map(a -> a.getHostString() + ":" + a.getPort()).collect(Collectors.joining(","));
    }

    static void closeQuietly(AutoCloseable resource, Exception collector) {
        try {
            resource.close();
        } catch (Exception e) {
            collector.addSuppressed(e);
        }
    }
}
