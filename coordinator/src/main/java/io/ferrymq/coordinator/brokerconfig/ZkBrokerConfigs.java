package io.ferrymq.coordinator.brokerconfig;

import io.ferrymq.coordinator.credentials.UserConfigZnode;
import io.ferrymq.coordinator.zk.CoordinatorException;
import io.ferrymq.coordinator.zk.LoadedCache;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dynamic broker configs under {@link ZkPaths#CONFIG_BROKERS}: a {@link CuratorCache} of the
 * subtree, so every broker sees a change made through any broker (a watch rather than Kafka's
 * change-notification znodes: the cache re-reads the subtree after a lost session, so no change is
 * missed), and read-modify-write of one entity's map fenced by the znode's version. An entity is a
 * broker id or {@link ZkPaths#DEFAULT_BROKER_ENTITY}; an entity left with no keys loses its znode. A
 * znode that does not parse is logged and read as empty. Listeners are called with the changed entity
 * on the {@code ferry-broker-configs} thread.
 *
 * <p>Lifecycle: {@link #start} loads the cache (waiting up to the ZooKeeper connection timeout),
 * {@link #close} stops it and joins the thread. Reads and writes are thread-safe.
 */
public final class ZkBrokerConfigs implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ZkBrokerConfigs.class);
    private static final int MAX_ATTEMPTS = 10;

    private final ZkClient zk;
    private final CuratorCache cache;
    private final ExecutorService events;
    private final Map<String, Map<String, String>> entities = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    public ZkBrokerConfigs(ZkClient zk) {
        this.zk = zk;
        this.cache = CuratorCache.build(zk.curator(), ZkPaths.CONFIG_BROKERS);
        this.events = Executors.newSingleThreadExecutor(r -> new Thread(r, "ferry-broker-configs"));
    }

    /**
     * Loads the cache; afterwards {@code listener} hears of every entity whose configs change (also one
     * deleted: its configs are then empty). Events before the load completes are not passed on.
     */
    public void start(Consumer<String> listener) {
        LoadedCache.start(zk, cache, ZkPaths.CONFIG_BROKERS, CuratorCacheListener.builder()
                .forCreatesAndChanges((before, after) -> onNode(after, listener))
                .forDeletes(data -> ZkPaths.brokerConfigEntityOf(data.getPath()).ifPresent(entity -> {
                    entities.remove(entity);
                    notify(entity, listener);
                }))
                .forInitialized(() -> loaded = true), events, "dynamic broker configs");
    }

    private void onNode(ChildData data, Consumer<String> listener) {
        ZkPaths.brokerConfigEntityOf(data.getPath()).ifPresent(entity -> {
            try {
                entities.put(entity, Map.copyOf(UserConfigZnode.parse(data.getPath(), data.getData())));
            } catch (IllegalArgumentException e) {
                log.warn("Unreadable dynamic broker configs {}: read as empty until fixed: {}", data.getPath(),
                        e.getMessage());
                entities.remove(entity);
            }
            notify(entity, listener);
        });
    }

    private void notify(String entity, Consumer<String> listener) {
        if (loaded) {
            listener.accept(entity);
        }
    }

    /** The cached configs of {@code entity} (a broker id or {@code <default>}); empty when it has none. */
    public Map<String, String> configs(String entity) {
        return entities.getOrDefault(entity, Map.of());
    }

    /** The configs of {@code entity} as ZooKeeper holds them now (not the cache). */
    public Map<String, String> read(String entity) {
        return readWithStat(ZkPaths.brokerConfig(entity), new Stat()).orElse(Map.of());
    }

    /**
     * Replaces {@code entity}'s configs by {@code change} applied to the current ones, atomically
     * (retried when another writer wins); returns what was written. {@code change} may throw to refuse.
     */
    public Map<String, String> alter(String entity, UnaryOperator<Map<String, String>> change) {
        String path = ZkPaths.brokerConfig(entity);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Stat stat = new Stat();
            Optional<Map<String, String>> current = readWithStat(path, stat);
            Map<String, String> next = Map.copyOf(change.apply(current.orElse(Map.of())));
            if (next.equals(current.orElse(Map.of())) || tryWrite(path, current.isPresent() ? stat.getVersion() : -1,
                    next)) {
                return next;
            }
        }
        throw new CoordinatorException("altering " + path + ": lost the race " + MAX_ATTEMPTS + " times to other writers");
    }

    /** False when another writer changed the znode since it was read at {@code version} (-1: absent). */
    private boolean tryWrite(String path, int version, Map<String, String> config) {
        try {
            if (version < 0) {
                zk.curator().create().creatingParentsIfNeeded().forPath(path, UserConfigZnode.encode(config));
            } else if (config.isEmpty()) {
                zk.curator().delete().withVersion(version).forPath(path);
            } else {
                zk.curator().setData().withVersion(version).forPath(path, UserConfigZnode.encode(config));
            }
            return true;
        } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException
                 | KeeperException.NoNodeException raced) {
            return false;
        } catch (Exception e) {
            throw CoordinatorException.wrap("writing " + path, e);
        }
    }

    private Optional<Map<String, String>> readWithStat(String path, Stat stat) {
        byte[] data;
        try {
            data = zk.curator().getData().storingStatIn(stat).forPath(path);
        } catch (KeeperException.NoNodeException none) {
            return Optional.empty();
        } catch (Exception e) {
            throw CoordinatorException.wrap("reading " + path, e);
        }
        return Optional.of(UserConfigZnode.parse(path, data));
    }

    @Override
    public void close() {
        cache.close();
        events.shutdown();
        try {
            if (!events.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("ferry-broker-configs thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
