package io.ferrymq.coordinator.zk;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListenerBuilder;
import org.apache.zookeeper.KeeperException;

/**
 * Starts a {@link CuratorCache} of a folder a broker must have read before it serves (credentials,
 * dynamic broker configs): creates the folder if missing, attaches {@code listener} (delivered on
 * {@code events}), starts the cache and waits up to the ZooKeeper connection timeout for its first
 * full load, failing with a {@link CoordinatorException} naming {@code what} otherwise.
 */
public final class LoadedCache {

    private LoadedCache() {
    }

    public static void start(ZkClient zk, CuratorCache cache, String root, CuratorCacheListenerBuilder listener,
                             Executor events, String what) {
        try {
            zk.curator().create().creatingParentsIfNeeded().forPath(root);
        } catch (KeeperException.NodeExistsException exists) {
            // made by another broker or a tool
        } catch (Exception e) {
            throw CoordinatorException.wrap("creating " + root, e);
        }
        CountDownLatch initialized = new CountDownLatch(1);
        cache.listenable().addListener(listener.forInitialized(initialized::countDown).build(), events);
        cache.start();
        long waitMs = zk.config().connectionTimeout().toMillis();
        try {
            if (!initialized.await(waitMs, TimeUnit.MILLISECONDS)) {
                throw new CoordinatorException(what + " " + root + " not loaded within " + waitMs + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CoordinatorException.wrap("loading " + root, e);
        }
    }
}
