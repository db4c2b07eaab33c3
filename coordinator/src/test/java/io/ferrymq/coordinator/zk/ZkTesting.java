package io.ferrymq.coordinator.zk;

import java.time.Duration;
import org.apache.curator.test.KillSession;
import org.apache.curator.test.TestingServer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/** Test helpers: short timeouts for an embedded ZooKeeper, and session expiry on demand. */
public final class ZkTesting {

    public static final Duration SESSION_TIMEOUT = Duration.ofSeconds(3);

    private ZkTesting() {
    }

    public static ZkConfig config(TestingServer server) {
        return new ZkConfig(server.getConnectString() + "/ferry-test", SESSION_TIMEOUT, Duration.ofSeconds(5),
                3, Duration.ofMillis(50));
    }

    public static ZkClient connect(TestingServer server) {
        return ZkClient.connect(config(server));
    }

    /**
     * Expires the client's session locally (Curator's KillSession injects the expiry into the
     * client; the server drops the session when it times out). Under load the injected expiry can
     * race Curator's own handling of it and leave the client without a connection for good, so
     * tests that expire sessions over and over use {@link #expireSessionOnServer}, the real thing.
     */
    public static void expireSession(ZkClient client) {
        try {
            ZooKeeper zooKeeper = client.curator().getZookeeperClient().getZooKeeper();
            KillSession.kill(zooKeeper);
        } catch (Exception e) {
            throw new IllegalStateException("could not expire the session", e);
        }
    }

    /**
     * Expires the client's session on the server only, as a long network partition would: the
     * client learns it only from the server, which is the case a leader must notice in time.
     */
    public static void expireSessionOnServer(ZkClient client, TestingServer server) {
        try {
            ZooKeeper zooKeeper = client.curator().getZookeeperClient().getZooKeeper();
            CountDownLatch connected = new CountDownLatch(1);
            ZooKeeper twin = new ZooKeeper(server.getConnectString(), (int) SESSION_TIMEOUT.toMillis(), event -> {
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            }, zooKeeper.getSessionId(), zooKeeper.getSessionPasswd());
            try {
                if (!connected.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("twin session handle did not connect within 30 s");
                }
            } finally {
                twin.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not expire the session on the server", e);
        }
    }
}
