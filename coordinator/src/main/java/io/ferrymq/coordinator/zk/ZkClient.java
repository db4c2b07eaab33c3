package io.ferrymq.coordinator.zk;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker's Curator client, built from a {@link ZkConfig}: the chroot becomes the Curator
 * namespace (created on first use), retries are bounded exponential back-off, new znodes get
 * {@link ZkAcls} and the connection the {@link ZkSecurity} credentials. Connection-state changes reach {@link ZkConnectionListener}s on one named thread {@code ferry-zk-state}, in
 * order, never on ZooKeeper's event thread.
 *
 * <p>Lifecycle: {@link #connect} starts the client and waits for the first connection; {@link #close}
 * closes Curator (ephemeral nodes vanish) and joins the state thread. Thread-safe.
 */
public final class ZkClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ZkClient.class);

    private final ZkConfig config;
    private final CuratorFramework curator;
    private final ExecutorService stateExecutor;

    private ZkClient(ZkConfig config, CuratorFramework curator, ExecutorService stateExecutor) {
        this.config = config;
        this.curator = curator;
        this.stateExecutor = stateExecutor;
    }

    /**
     * Starts a client and waits up to the connection timeout for a connection.
     *
     * @throws CoordinatorException naming the connect string when no connection was made in time, or
     *                              when ACLs are asked for without credentials
     */
    public static ZkClient connect(ZkConfig config) {
        config.security().requireCredentials();
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(config.hosts())
                .namespace(config.chroot().substring(1))
                .sessionTimeoutMs(Math.toIntExact(config.sessionTimeout().toMillis()))
                .connectionTimeoutMs(Math.toIntExact(config.connectionTimeout().toMillis()))
                .retryPolicy(new BoundedExponentialBackoffRetry(
                        Math.toIntExact(config.retryBaseSleep().toMillis()),
                        Math.toIntExact(config.retryBaseSleep().toMillis() * 32),
                        config.maxRetries()))
                .aclProvider(new ZkAcls(config.chroot(), config.security().setAcl()))
                .zkClientConfig(config.security().clientConfig());
        config.security().digest().ifPresent(d -> builder.authorization("digest", d.getBytes(StandardCharsets.UTF_8)));
        CuratorFramework curator = builder.build();
        ExecutorService stateExecutor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ferry-zk-state");
            thread.setDaemon(true);
            return thread;
        });
        ZkClient client = new ZkClient(config, curator, stateExecutor);
        curator.start();
        try {
            if (!curator.blockUntilConnected(Math.toIntExact(config.connectionTimeout().toMillis()), TimeUnit.MILLISECONDS)) {
                client.close();
                throw new CoordinatorException("could not connect to ZooKeeper at " + config.connect()
                        + " within " + config.connectionTimeout().toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            client.close();
            throw CoordinatorException.wrap("connecting to ZooKeeper at " + config.connect(), e);
        }
        log.info("Connected to ZooKeeper at {} (session 0x{}, {})", config.connect(), Long.toHexString(client.sessionId()),
                config.security());
        client.ensureBasePaths();
        return client;
    }

    private void ensureBasePaths() {
        for (String path : new String[] {ZkPaths.BROKER_IDS, ZkPaths.TOPICS, ZkPaths.DELETE_TOPICS}) {
            try {
                curator.create().creatingParentsIfNeeded().forPath(path);
            } catch (KeeperException.NodeExistsException exists) {
                // created by another broker or an earlier run
            } catch (KeeperException.AuthFailedException | KeeperException.InvalidACLException e) {
                close();
                throw new CoordinatorException("ZooKeeper at " + config.connect() + " did not authenticate this client ("
                        + e.code() + " creating " + path + "): check the user and password of the JAAS '"
                        + System.getProperty(ZkSecurity.JAAS_SECTION_PROPERTY, ZkSecurity.DEFAULT_JAAS_SECTION)
                        + "' section against the server's", e);
            } catch (Exception e) {
                close();
                throw CoordinatorException.wrap("creating " + path, e);
            }
        }
    }

    /** The Curator client, namespaced to the chroot: pass {@link ZkPaths} paths to it. */
    public CuratorFramework curator() {
        return curator;
    }

    public ZkConfig config() {
        return config;
    }

    /** Adds a listener called on the {@code ferry-zk-state} thread for every later state change. */
    public void addConnectionListener(ZkConnectionListener listener) {
        ConnectionStateListener adapter = (client, state) ->
                listener.onConnectionStateChanged(ZkConnectionState.of(state));
        curator.getConnectionStateListenable().addListener(adapter, stateExecutor);
    }

    /** The current ZooKeeper session id, or 0 when not connected. */
    public long sessionId() {
        try {
            return curator.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            throw CoordinatorException.wrap("reading the ZooKeeper session id", e);
        }
    }

    /**
     * The session timeout the server granted (it clamps the requested one to
     * {@code [2, 20] * tickTime}); zero when not connected.
     */
    public Duration negotiatedSessionTimeout() {
        try {
            return Duration.ofMillis(curator.getZookeeperClient().getZooKeeper().getSessionTimeout());
        } catch (Exception e) {
            throw CoordinatorException.wrap("reading the ZooKeeper session timeout", e);
        }
    }

    public boolean isConnected() {
        return curator.getZookeeperClient().isConnected();
    }

    @Override
    public void close() {
        curator.close();
        stateExecutor.shutdown();
        try {
            if (!stateExecutor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("ferry-zk-state thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
