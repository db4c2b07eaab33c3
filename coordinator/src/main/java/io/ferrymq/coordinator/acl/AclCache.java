package io.ferrymq.coordinator.acl;

import io.ferrymq.common.acl.AccessControlEntry;
import io.ferrymq.common.acl.AclBinding;
import io.ferrymq.common.acl.ResourcePattern;
import io.ferrymq.coordinator.zk.CoordinatorException;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker's view of the ACL znodes, kept by one {@link CuratorCache} per root ({@code /kafka-acl},
 * {@code /kafka-acl-extended/prefixed}); listeners get the complete binding set after each change,
 * on the {@code ferry-acl-events} thread (never Curator's event thread). An unreadable node is
 * logged and left out, so one hand-edited node cannot stop the broker from loading the others.
 *
 * <p>Thread-safe.
 */
final class AclCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AclCache.class);
    private static final List<String> ROOTS = List.of(ZkPaths.LITERAL_ACLS, ZkPaths.PREFIXED_ACLS);

    private final List<CuratorCache> caches;
    private final ExecutorService events = Executors.newSingleThreadExecutor(r -> new Thread(r, "ferry-acl-events"));
    private final Map<ResourcePattern, Set<AccessControlEntry>> entries = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<Set<AclBinding>>> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch initialized = new CountDownLatch(ROOTS.size());

    AclCache(CuratorFramework curator) {
        this.caches = ROOTS.stream().map(root -> CuratorCache.build(curator, root)).toList();
    }

    void start(long timeoutMs) {
        for (int i = 0; i < ROOTS.size(); i++) {
            String root = ROOTS.get(i);
            caches.get(i).listenable().addListener(CuratorCacheListener.builder()
                    .forCreatesAndChanges((before, after) -> onNode(root, after))
                    .forDeletes(data -> onDeleted(root, data))
                    .forInitialized(initialized::countDown)
                    .build(), events);
            caches.get(i).start();
        }
        try {
            if (!initialized.await(timeoutMs, TimeUnit.MILLISECONDS)) {
                throw new CoordinatorException("ACL cache not loaded within " + timeoutMs + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoordinatorException("interrupted while loading the ACL cache", e);
        }
    }

    Set<AclBinding> bindings() {
        Set<AclBinding> all = new HashSet<>();
        entries.forEach((pattern, set) -> set.forEach(entry -> all.add(new AclBinding(pattern, entry))));
        return Set.copyOf(all);
    }

    void addListener(Consumer<Set<AclBinding>> listener) {
        listeners.add(listener);
        events.execute(() -> listener.accept(bindings()));
    }

    private void onNode(String root, ChildData data) {
        Optional<ResourcePattern> pattern = AclZnodes.patternOf(root, data.getPath());
        if (pattern.isEmpty()) {
            return;
        }
        try {
            entries.put(pattern.get(), AclZnodes.fromJson(data.getPath(), data.getData()));
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring unreadable ACL node {}: {}", data.getPath(), e.getMessage());
            entries.remove(pattern.get());
        }
        notifyListeners();
    }

    private void onDeleted(String root, ChildData data) {
        AclZnodes.patternOf(root, data.getPath()).ifPresent(pattern -> {
            entries.remove(pattern);
            notifyListeners();
        });
    }

    private void notifyListeners() {
        Set<AclBinding> snapshot = bindings();
        for (Consumer<Set<AclBinding>> listener : listeners) {
            try {
                listener.accept(snapshot);
            } catch (RuntimeException e) {
                log.error("ACL listener failed", e);
            }
        }
    }

    @Override
    public void close() {
        caches.forEach(CuratorCache::close);
        events.shutdown();
        try {
            if (!events.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("ACL event thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
