package io.ferrymq.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A standalone ZooKeeper server inside the test JVM on a free 127.0.0.1 port (ZooKeeper's own
 * {@link ZooKeeperServer}, no admin server). Unlike curator-test's {@code TestingServer} it
 * exposes {@link #expireSession(long)}: the server expires a session exactly as if its timeout
 * had passed (ephemeral nodes deleted, the client told {@code Expired} when it next talks to the
 * server), which is how the harness expires a broker's session without touching the broker.
 * Ticks of 250 ms: sessions from 500 ms to 60 s. Thread-safe.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {

    private static final int TICK_MS = 250;

    private final ZooKeeperServer server;
    private final ServerCnxnFactory factory;

    private EmbeddedZooKeeper(ZooKeeperServer server, ServerCnxnFactory factory) {
        this.server = server;
        this.factory = factory;
    }

    /** Starts a server keeping its data under {@code dataDir}. */
    public static EmbeddedZooKeeper start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            ZooKeeperServer server = new ZooKeeperServer(dataDir.resolve("snap").toFile(), dataDir.resolve("log").toFile(), TICK_MS);
            server.setMinSessionTimeout(2 * TICK_MS);
            server.setMaxSessionTimeout(60_000);
            ServerCnxnFactory factory = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", 0), 0);
            factory.startup(server);
            return new EmbeddedZooKeeper(server, factory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an embedded ZooKeeper in " + dataDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting an embedded ZooKeeper", e);
        }
    }

    /** {@code 127.0.0.1:<port>} (no chroot: brokers use the default {@code /ferry}). */
    public String connectString() {
        return "127.0.0.1:" + factory.getLocalPort();
    }

    /** Expires a session now, as the server would after its timeout. */
    public void expireSession(long sessionId) {
        server.expire(sessionId);
    }

    @Override
    public void close() {
        factory.shutdown();
        server.shutdown();
    }
}
