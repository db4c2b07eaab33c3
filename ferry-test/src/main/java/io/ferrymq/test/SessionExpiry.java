package io.ferrymq.test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * Expires a ZooKeeper session from the server side, as its timeout would: a second connection
 * attaches to the session (its id and password) and closes it. The server then deletes the
 * session's ephemeral nodes at once and tells the original client {@code Expired} when it next
 * reconnects (the attach has already moved the session away from its connection). Unlike
 * curator-test's {@code KillSession}, which only makes the client believe its session expired,
 * the server's view changes, so other brokers see the registration vanish without waiting for
 * a timeout. Stateless and thread-safe.
 */
final class SessionExpiry {

    private SessionExpiry() {
    }

    /** Closes session {@code sessionId} on the servers of {@code connectString} (no chroot needed). */
    static void expire(String connectString, long sessionId, byte[] password, Duration timeout) {
        CountDownLatch connected = new CountDownLatch(1);
        Watcher watcher = event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        };
        ZooKeeper attached;
        try {
            attached = new ZooKeeper(connectString, Math.toIntExact(timeout.toMillis()), watcher, sessionId, password);
        } catch (IOException e) {
            throw new IllegalStateException("cannot connect to ZooKeeper at " + connectString, e);
        }
        try {
            if (!connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("could not attach to session 0x" + Long.toHexString(sessionId)
                        + " within " + timeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while attaching to session 0x" + Long.toHexString(sessionId), e);
        } finally {
            closeQuietly(attached, sessionId);
        }
    }

    private static void closeQuietly(ZooKeeper attached, long sessionId) {
        try {
            attached.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing session 0x" + Long.toHexString(sessionId), e);
        }
    }
}
