package io.ferrymq.coordinator.credentials;

import io.ferrymq.common.security.ScramCredential;
import io.ferrymq.common.security.ScramCredentialLookup;
import io.ferrymq.common.security.ScramMechanism;
import io.ferrymq.coordinator.zk.LoadedCache;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's view of every user's SCRAM credentials: a {@link CuratorCache} of
 * {@code /config/users}, so a SASL handshake never waits on ZooKeeper and a credential added,
 * changed or removed takes effect for the next authentication without a restart. A znode that does
 * not parse is logged and treated as no credentials (the user cannot log in) rather than kept at a
 * stale value. Events are handled on the {@code ferry-credential-cache} thread.
 *
 * <p>Lifecycle: {@link #start} loads the cache (waiting up to the ZooKeeper connection timeout),
 * {@link #close} stops it and joins the thread. Lookups are thread-safe and lock-free.
 */
public final class CredentialCache implements ScramCredentialLookup, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CredentialCache.class);

    private final ZkClient zk;
    private final CuratorCache cache;
    private final ExecutorService events;
    private final Map<String, Map<ScramMechanism, ScramCredential>> users = new ConcurrentHashMap<>();

    public CredentialCache(ZkClient zk) {
        this.zk = zk;
        this.cache = CuratorCache.build(zk.curator(), ZkPaths.CONFIG_USERS);
        this.events = Executors.newSingleThreadExecutor(r -> new Thread(r, "ferry-credential-cache"));
    }

    public void start() {
        LoadedCache.start(zk, cache, ZkPaths.CONFIG_USERS, CuratorCacheListener.builder()
                .forCreatesAndChanges((before, after) -> onNode(after))
                .forDeletes(data -> ZkPaths.userOf(data.getPath()).ifPresent(users::remove)),
                events, "credential cache of");
    }

    private void onNode(ChildData data) {
        ZkPaths.userOf(data.getPath()).ifPresent(user -> {
            try {
                users.put(user, Map.copyOf(UserConfigZnode.credentials(data.getPath(),
                        UserConfigZnode.parse(data.getPath(), data.getData()))));
            } catch (IllegalArgumentException e) {
                log.warn("Unreadable credentials of user '{}': the user cannot authenticate until fixed: {}",
                        user, e.getMessage());
                users.remove(user);
            }
        });
    }

    @Override
    public Optional<ScramCredential> credential(String username, ScramMechanism mechanism) {
        return Optional.ofNullable(users.getOrDefault(username, Map.of()).get(mechanism));
    }

    @Override
    public void close() {
        cache.close();
        events.shutdown();
        try {
            if (!events.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("ferry-credential-cache thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
