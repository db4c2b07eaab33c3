package io.ferrymq.broker;

import io.ferrymq.broker.config.BrokerConfig;
import io.ferrymq.broker.config.DynamicBrokerConfig;
import io.ferrymq.broker.config.ModuleConfigs;
import io.ferrymq.broker.config.ReplicationConfigKeys;
import io.ferrymq.broker.replication.ReplicaManager;
import io.ferrymq.common.config.ConfigException;
import io.ferrymq.coordinator.brokerconfig.ZkBrokerConfigs;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkPaths;
import io.ferrymq.broker.server.handler.DynamicConfigSource;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This broker's dynamic configs at run time: the layers ({@link DynamicBrokerConfig}) read from
 * ZooKeeper at start-up and again whenever {@code /config/brokers/<id>} or {@code /config/brokers/<default>}
 * changes ({@link ZkBrokerConfigs} watches them), and applied to the running parts: the log settings and
 * the unclean election default through the replica manager, the replication throttle rates. A layer
 * that does not validate (only a hand-edited znode can hold one; the alter handlers validate) is logged
 * and ignored, keeping the other layer.
 *
 * <p>Thread-safety: the layers are a volatile immutable value; changes are applied on the store's
 * event thread, one at a time.
 */
public final class BrokerDynamicConfigs implements DynamicConfigSource, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrokerDynamicConfigs.class);

    private final BrokerConfig staticConfig;
    private final ZkBrokerConfigs store;
    private final String ownEntity;
    private volatile DynamicBrokerConfig current;
    private volatile Optional<ReplicaManager> replicas = Optional.empty();
    private final Collection<Waiter> waiters = new CopyOnWriteArrayList<>();

    private BrokerDynamicConfigs(BrokerConfig staticConfig, ZkBrokerConfigs store) {
        this.staticConfig = staticConfig;
        this.store = store;
        this.ownEntity = Integer.toString(staticConfig.brokerId());
        this.current = DynamicBrokerConfig.of(staticConfig);
    }

    /** Loads the layers from ZooKeeper and starts watching them. */
    public static BrokerDynamicConfigs start(BrokerConfig staticConfig, ZkClient zk) {
        BrokerDynamicConfigs configs = new BrokerDynamicConfigs(staticConfig, new ZkBrokerConfigs(zk));
        configs.store.start(configs::onChanged);
        configs.current = configs.load();
        return configs;
    }

    @Override
    public DynamicBrokerConfig current() {
        return current;
    }

    @Override
    public CompletableFuture<Void> awaitLayer(String entity, Map<String, String> configs) {
        Waiter waiter = new Waiter(entity, Map.copyOf(configs), new CompletableFuture<>());
        waiters.add(waiter);
        waiter.done().whenComplete((ignored, failure) -> waiters.remove(waiter));
        waiter.check(current);
        return waiter.done();
    }

    /** The store, for the alter handler. */
    public ZkBrokerConfigs store() {
        return store;
    }

    /** Applies the current layers to {@code replicaManager} now, and every later change. */
    synchronized void attach(ReplicaManager replicaManager) {
        replicas = Optional.of(replicaManager);
        apply(current);
    }

    private synchronized void onChanged(String entity) {
        if (!entity.equals(ownEntity) && !entity.equals(ZkPaths.DEFAULT_BROKER_ENTITY)) {
            return;
        }
        DynamicBrokerConfig updated = load();
        if (!updated.changedDynamicKeys(current).isEmpty()) {
            log.info("Dynamic broker configs changed: {} (broker {}: {}, cluster default: {})",
                    updated.changedDynamicKeys(current), ownEntity, updated.perBroker(), updated.clusterDefault());
        }
        current = updated;
        apply(updated);
        waiters.forEach(waiter -> waiter.check(updated));
    }

    private DynamicBrokerConfig load() {
        DynamicBrokerConfig layers = DynamicBrokerConfig.of(staticConfig);
        layers = withLayer(layers, ZkPaths.DEFAULT_BROKER_ENTITY, store.configs(ZkPaths.DEFAULT_BROKER_ENTITY), true);
        return withLayer(layers, ownEntity, store.configs(ownEntity), false);
    }

    private static DynamicBrokerConfig withLayer(DynamicBrokerConfig layers, String entity, Map<String, String> configs,
                                                 boolean clusterDefault) {
        try {
            return clusterDefault ? layers.withClusterDefault(configs) : layers.withPerBroker(configs);
        } catch (ConfigException e) {
            log.error("Ignoring the dynamic broker configs of {} ({}): {}", ZkPaths.brokerConfig(entity), configs,
                    e.getMessage());
            return layers;
        }
    }

    private void apply(DynamicBrokerConfig layers) {
        replicas.ifPresent(replicaManager -> {
            BrokerConfig effective = layers.effective();
            replicaManager.reconfigure(ModuleConfigs.logConfig(effective),
                    effective.getBoolean(ReplicationConfigKeys.UNCLEAN_LEADER_ELECTION_ENABLE));
            replicaManager.throttles().setRates(effective.getLong(ReplicationConfigKeys.LEADER_REPLICATION_THROTTLED_RATE),
                    effective.getLong(ReplicationConfigKeys.FOLLOWER_REPLICATION_THROTTLED_RATE));
        });
    }

    /** A layer written by an alter, done once the broker runs with it. */
    private record Waiter(String entity, Map<String, String> configs, CompletableFuture<Void> done) {
        void check(DynamicBrokerConfig layers) {
            Map<String, String> seen = entity.equals(ZkPaths.DEFAULT_BROKER_ENTITY) ? layers.clusterDefault()
                    : layers.perBroker();
            if (seen.equals(configs)) {
                done.complete(null);
            }
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
