package io.ferrymq.test;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;

/**
 * The ZooKeeper of a {@link FerryTestCluster}, in the test JVM: curator-test's {@link TestingServer}
 * for one server, its {@link TestingCluster} (a real quorum, each server with its own data directory
 * and ports) for more. Ticks of 500 ms, so sessions may last 1 to 10 s. Servers of an ensemble can
 * be killed and restarted by index. Thread-safe.
 */
final class ZooKeeperServers implements AutoCloseable {

    private static final int TICK_MS = 500;

    private final Closeable servers;
    private final String connectString;
    private final List<InstanceSpec> ensemble;

    private ZooKeeperServers(Closeable servers, String connectString, List<InstanceSpec> ensemble) {
        this.servers = servers;
        this.connectString = connectString;
        this.ensemble = List.copyOf(ensemble);
    }

    /** Starts {@code count} servers keeping their data under {@code dir}; throws when one cannot start. */
    static ZooKeeperServers start(Path dir, int count) {
        try {
            if (count == 1) {
                TestingServer server = new TestingServer(spec(dir.resolve("zookeeper"), -1), true);
                return new ZooKeeperServers(server, server.getConnectString(), List.of());
            }
            List<InstanceSpec> specs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                specs.add(spec(dir.resolve("zookeeper-" + i), i + 1));
            }
            TestingCluster cluster = new TestingCluster(specs);
            try {
                cluster.start();
            } catch (Exception e) {
                cluster.close();
                throw e;
            }
            return new ZooKeeperServers(cluster, cluster.getConnectString(), specs);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start " + count + " embedded ZooKeeper server(s) in " + dir, e);
        }
    }

    private static InstanceSpec spec(Path dataDir, int serverId) throws IOException {
        Files.createDirectories(dataDir);
        return new InstanceSpec(dataDir.toFile(), -1, -1, -1, false, serverId, TICK_MS, -1);
    }

    String connectString() {
        return connectString;
    }

    /** Stops server {@code index} (0-based) of an ensemble; its clients move to the others. */
    void kill(int index) {
        TestingCluster cluster = ensemble(index);
        try {
            cluster.killServer(ensemble.get(index));
        } catch (Exception e) {
            throw new IllegalStateException("cannot kill ZooKeeper server " + index, e);
        }
    }

    /** Starts server {@code index} of an ensemble again, with its data. */
    void restart(int index) {
        TestingCluster cluster = ensemble(index);
        try {
            cluster.restartServer(ensemble.get(index));
        } catch (Exception e) {
            throw new IllegalStateException("cannot restart ZooKeeper server " + index, e);
        }
    }

    private TestingCluster ensemble(int index) {
        if (ensemble.isEmpty()) {
            throw new IllegalStateException("a single ZooKeeper server cannot be killed: build with zooKeeperServers(3)");
        }
        if (index < 0 || index >= ensemble.size()) {
            throw new IllegalArgumentException("no ZooKeeper server " + index + ": the indexes are 0.." + (ensemble.size() - 1));
        }
        return (TestingCluster) servers;
    }

    @Override
    public void close() throws IOException {
        servers.close();
    }
}
