package io.ferrymq.broker.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One ZooKeeper server of a local ensemble: its id ({@code myid}), its address (loopback unless the
 * cluster's {@link ProcessNetwork} places it elsewhere), client, peer and election ports, and data directory. {@link #writeConfig} writes the zoo.cfg-style file that
 * {@code ferry zookeeper --config FILE} reads (standalone when the ensemble has one node) with
 * the embedded admin server off (it would take port 8080) and every four-letter word allowed.
 * Immutable.
 */
public record ZooKeeperNode(int id, String host, int clientPort, int peerPort, int electionPort, Path dataDir) {

    /** A node on 127.0.0.1. */
    public ZooKeeperNode(int id, int clientPort, int peerPort, int electionPort, Path dataDir) {
        this(id, "127.0.0.1", clientPort, peerPort, electionPort, dataDir);
    }

    /** Ticks of 1 s: sessions may last 2 s to 20 s (Kafka's 18 s default fits). */
    public static final int TICK_TIME_MS = 1_000;

    public String clientAddress() {
        return host + ":" + clientPort;
    }

    /** Writes this node's config (and {@code myid} for an ensemble) and returns the config file. */
    public Path writeConfig(Path file, List<ZooKeeperNode> ensemble) {
        StringBuilder cfg = new StringBuilder()
                .append("# ZooKeeper node ").append(id).append(", written by the Ferry local cluster launcher\n")
                .append("tickTime=").append(TICK_TIME_MS).append('\n')
                .append("initLimit=10\nsyncLimit=5\n")
                .append("dataDir=").append(dataDir.toAbsolutePath()).append('\n')
                .append("clientPort=").append(clientPort).append('\n')
                .append("clientPortAddress=").append(host).append('\n')
                .append("maxClientCnxns=0\n")
                .append("admin.enableServer=false\n")
                .append("4lw.commands.whitelist=*\n");
        if (ensemble.size() > 1) {
            for (ZooKeeperNode n : ensemble) {
                cfg.append("server.").append(n.id).append('=').append(n.host).append(':').append(n.peerPort).append(':')
                        .append(n.electionPort).append('\n');
            }
        }
        try {
            Files.createDirectories(dataDir);
            if (ensemble.size() > 1) {
                Files.writeString(dataDir.resolve("myid"), id + "\n");
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, cfg);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the config of ZooKeeper node " + id + " to " + file, e);
        }
    }
}
