package io.ferrymq.coordinator.registry;

import io.ferrymq.coordinator.zk.CoordinatorException;
import io.ferrymq.common.json.Json;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BrokerRegistry} on ZooKeeper: the registration is a Curator {@link PersistentNode} in
 * EPHEMERAL mode at {@code /brokers/ids/<id>} (re-created after a new session); the live set is a
 * {@link CuratorCache} of {@code /brokers/ids}. Listeners run on the {@code ferry-broker-registry}
 * thread. When the node exists and belongs to another session, {@link #register} waits for it to
 * vanish until the {@link RegistrationWait} deadline (the session timeout plus a margin: a killed
 * predecessor's session expires by then), and refuses only if it is still held; ownership is checked
 * again after creating the node. Thread-safe.
 */
public final class ZkBrokerRegistry implements BrokerRegistry {

    private static final Logger log = LoggerFactory.getLogger(ZkBrokerRegistry.class);

    private final ZkClient zk;
    private final RegistrationGuard guard;
    private final CuratorCache cache;
    private final ExecutorService events;
    private final Map<Integer, BrokerInfo> live = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<BrokerListener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch initialized = new CountDownLatch(1);
    private PersistentNode registration;

    public ZkBrokerRegistry(ZkClient zk) {
        this(zk, Clock.systemUTC(), RegistrationWait.DEFAULT_MARGIN);
    }

    /**
     * @param registrationMargin added to the session timeout to bound the wait for a previous
     *                           registration (see {@link RegistrationWait})
     */
    public ZkBrokerRegistry(ZkClient zk, Clock clock, Duration registrationMargin) {
        this.zk = zk;
        this.guard = new RegistrationGuard(zk, clock, registrationMargin);
        this.cache = CuratorCache.build(zk.curator(), ZkPaths.BROKER_IDS);
        this.events = Executors.newSingleThreadExecutor(r -> new Thread(r, "ferry-broker-registry"));
    }

    /** Reads the live brokers from ZooKeeper now (not from a cache). */
    public static Map<Integer, BrokerInfo> readLiveBrokers(CuratorFramework curator) {
        Map<Integer, BrokerInfo> out = new HashMap<>();
        try {
            for (String child : curator.getChildren().forPath(ZkPaths.BROKER_IDS)) {
                readBroker(curator, child).ifPresent(b -> out.put(b.id(), b));
            }
        } catch (Exception e) {
            throw CoordinatorException.wrap("reading " + ZkPaths.BROKER_IDS, e);
        }
        return out;
    }

    private static Optional<BrokerInfo> readBroker(CuratorFramework curator, String child) throws Exception {
        try {
            byte[] data = curator.getData().forPath(ZkPaths.BROKER_IDS + "/" + child);
            return decode(ZkPaths.BROKER_IDS + "/" + child, data);
        } catch (KeeperException.NoNodeException gone) {
            return Optional.empty();
        }
    }

    private static Optional<BrokerInfo> decode(String path, byte[] data) {
        try {
            int id = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            return Optional.of(BrokerInfo.fromJson(id, Json.parseObject(path, data)));
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring unreadable broker registration {}: {}", path, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void start() {
        CuratorCacheListener listener = CuratorCacheListener.builder()
                .forCreatesAndChanges((before, after) -> onNode(after))
                .forDeletes(this::onDeleted)
                .forInitialized(initialized::countDown)
                .build();
        cache.listenable().addListener(listener, events);
        cache.start();
        try {
            long waitMs = zk.config().connectionTimeout().toMillis();
            if (!initialized.await(waitMs, TimeUnit.MILLISECONDS)) {
                throw new CoordinatorException("broker registry cache not loaded within " + waitMs + " ms");
            }
        } catch (InterruptedException e) {
            throw CoordinatorException.wrap("loading the broker registry", e);
        }
    }

    private void onNode(ChildData data) {
        if (data.getPath().equals(ZkPaths.BROKER_IDS)) {
            return;
        }
        decode(data.getPath(), data.getData()).ifPresent(broker -> {
            BrokerInfo previous = live.put(broker.id(), broker);
            if (!broker.equals(previous)) {
                listeners.forEach(l -> l.onBrokerAdded(broker));
            }
        });
    }

    private void onDeleted(ChildData data) {
        String path = data.getPath();
        if (path.equals(ZkPaths.BROKER_IDS)) {
            return;
        }
        try {
            int id = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            if (live.remove(id) != null) {
                listeners.forEach(l -> l.onBrokerRemoved(id));
            }
        } catch (NumberFormatException e) {
            log.warn("Ignoring deletion of unexpected node {}", path);
        }
    }

    @Override
    public synchronized void register(BrokerInfo self) {
        if (registration != null) {
            throw new IllegalStateException("broker " + self.id() + " is already registered");
        }
        String path = ZkPaths.broker(self.id());
        guard.awaitPreviousGone(self.id(), path);
        PersistentNode node = new PersistentNode(zk.curator(), CreateMode.EPHEMERAL, false, path, Json.bytes(self.toJson()));
        node.start();
        try {
            long waitMs = zk.config().connectionTimeout().toMillis();
            if (!node.waitForInitialCreate(waitMs, TimeUnit.MILLISECONDS)) {
                throw new CoordinatorException("registration " + path + " not created within " + waitMs + " ms");
            }
            guard.refuseIfHeldByOther(self.id(), path);
        } catch (InterruptedException | RuntimeException e) {
            closeQuietly(node);
            throw e instanceof RuntimeException re ? re : CoordinatorException.wrap("registering " + path, e);
        }
        registration = node;
        log.info("Registered broker {} with endpoints {} (rack {})", self.id(), self.endpoints(), self.rack().orElse("none"));
    }

    @Override
    public synchronized void updateRegistration(BrokerInfo self) {
        if (registration == null) {
            throw new IllegalStateException("broker " + self.id() + " is not registered; cannot update its registration");
        }
        try {
            registration.setData(Json.bytes(self.toJson()));
        } catch (Exception e) {
            throw CoordinatorException.wrap("updating " + ZkPaths.broker(self.id()), e);
        }
        log.info("Updated the registration of broker {}: offline log dirs {}, offline replicas {}", self.id(),
                self.offline().logDirs(), self.offline().replicas());
    }

    @Override
    public synchronized void deregister() {
        if (registration != null) {
            closeQuietly(registration);
            registration = null;
        }
    }

    @Override
    public Map<Integer, BrokerInfo> liveBrokers() {
        return Map.copyOf(live);
    }

    @Override
    public void addListener(BrokerListener listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        deregister();
        cache.close();
        events.shutdown();
        try {
            if (!events.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("ferry-broker-registry thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(PersistentNode node) {
        try {
            node.close();
        } catch (IOException e) {
            log.warn("Closing broker registration {} failed", node.getActualPath(), e);
        }
    }
}
