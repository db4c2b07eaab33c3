package io.ferrymq.broker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.server.ServerConfig;
import org.apache.zookeeper.server.ZooKeeperServerMain;
import org.apache.zookeeper.server.admin.AdminServer;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;
import org.apache.zookeeper.server.quorum.QuorumPeerMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ferry zookeeper --port P --data-dir D [--host H]}: runs ZooKeeper's own standalone server
 * ({@link ZooKeeperServerMain}) for local use and the quickstart, bound to 127.0.0.1 unless
 * {@code --host} says otherwise, with the admin HTTP server off. Blocks until the server stops
 * (Ctrl-C or {@link #stop()}). Prints one line {@code ZooKeeper listening on host:port} once the
 * server accepts connections ({@code --port 0} picks a free port).
 *
 * <p>Authentication (ZooKeeper's own settings, as in a zoo.cfg): {@code --sasl} lets clients log in
 * with SASL ({@code authProvider.sasl}; the users are in the JAAS {@code Server} section of the file
 * in {@code -Djava.security.auth.login.config}, ZooKeeper's {@code DigestLoginModule} with
 * {@code user_<name>="<password>"} entries); {@code --require-auth SCHEMES} refuses every request of
 * a session not authenticated with one of them ({@code enforce.auth.enabled},
 * {@code enforce.auth.schemes}; {@code sasl} in the list implies {@code --sasl}). Brokers then put
 * ACLs on their znodes with {@code zookeeper.set.acl=true}.
 *
 * <p>{@code ferry zookeeper --config FILE} instead reads a standard zoo.cfg-style file with
 * ZooKeeper's {@link QuorumPeerConfig}: a file with {@code server.N} lines runs an ensemble member
 * ({@link QuorumPeerMain}, {@code myid} in its dataDir), otherwise a standalone server.
 */
@Command(name = "zookeeper", mixinStandardHelpOptions = true,
        description = "Run a standalone ZooKeeper server (for local use and the quickstart).")
public final class ZooKeeperCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "2181", description = "Client port (0 = any free port). Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--data-dir", description = "Directory for snapshots and transaction logs (required without --config).")
    private Path dataDir;

    @Option(names = "--config", description = "zoo.cfg-style file (dataDir, clientPort, server.N=..., authProvider.*, enforce.auth.*); excludes --port, --data-dir, --sasl and --require-auth.")
    private Path configFile;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind. Default: ${DEFAULT-VALUE}.")
    private String host;

    @Option(names = "--tick-time", defaultValue = "2000", description = "ZooKeeper tickTime in ms. Default: ${DEFAULT-VALUE}.")
    private int tickTimeMs;

    @Option(names = "--sasl", description = "Accept SASL logins (users in the JAAS 'Server' section of -Djava.security.auth.login.config).")
    private boolean sasl;

    @Option(names = "--require-auth", paramLabel = "SCHEMES", split = ",",
            description = "Refuse requests of sessions not authenticated with one of these schemes (e.g. sasl or sasl,digest).")
    private List<String> requiredSchemes = List.of();

    private Server server;

    @Override
    public Integer call() throws IOException, QuorumPeerConfig.ConfigException, AdminServer.AdminServerException {
        System.setProperty("zookeeper.admin.enableServer", "false");
        if (configFile != null) {
            return runFromFile();
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("--data-dir is required (or give --config FILE)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be within [0, 65535], was " + port);
        }
        Files.createDirectories(dataDir);
        Properties properties = new Properties();
        properties.setProperty("dataDir", dataDir.toAbsolutePath().toString());
        properties.setProperty("clientPort", String.valueOf(port));
        properties.setProperty("clientPortAddress", host);
        properties.setProperty("tickTime", String.valueOf(tickTimeMs));
        properties.setProperty("maxClientCnxns", "0");
        properties.putAll(ZooKeeperAuth.serverProperties(sasl, requiredSchemes));
        QuorumPeerConfig quorumConfig = new QuorumPeerConfig();
        quorumConfig.parseProperties(properties);
        return runStandalone(quorumConfig);
    }

    private int runFromFile() throws IOException, QuorumPeerConfig.ConfigException, AdminServer.AdminServerException {
        boolean portGiven = spec != null && spec.commandLine().getParseResult().hasMatchedOption("--port");
        if (dataDir != null || portGiven || sasl || !requiredSchemes.isEmpty()) {
            throw new IllegalArgumentException("--config excludes --port, --data-dir, --sasl and --require-auth: "
                    + "put clientPort, dataDir, authProvider.* and enforce.auth.* in the file");
        }
        if (!Files.isReadable(configFile)) {
            throw new IllegalArgumentException("cannot read ZooKeeper config file " + configFile);
        }
        QuorumPeerConfig quorumConfig = new QuorumPeerConfig();
        quorumConfig.parse(configFile.toString());
        if (quorumConfig.getClientPortAddress() == null) {
            throw new IllegalArgumentException(configFile + " must set clientPort");
        }
        if (!quorumConfig.isDistributed()) {
            host = quorumConfig.getClientPortAddress().getHostString();
            dataDir = quorumConfig.getDataDir().toPath();
            return runStandalone(quorumConfig);
        }
        QuorumPeerMain member = new QuorumPeerMain();
        Thread hook = new Thread(member::close, "ferry-zookeeper-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            member.runFromConfig(quorumConfig);
        } finally {
            removeHook(hook);
        }
        return 0;
    }

    private int runStandalone(QuorumPeerConfig quorumConfig) throws IOException, AdminServer.AdminServerException {
        ServerConfig config = new ServerConfig();
        config.readFrom(quorumConfig);
        Server standalone = server();
        Thread hook = new Thread(standalone::close, "ferry-zookeeper-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            standalone.runFromConfig(config);
        } finally {
            removeHook(hook);
        }
        return 0;
    }

    /** Stops a running server; {@link #call()} then returns. */
    public void stop() {
        server().close();
    }

    /** Waits until the server accepts connections and returns its port. */
    public int awaitStarted(long timeout, TimeUnit unit) throws InterruptedException {
        Server standalone = server();
        if (!standalone.started.await(timeout, unit)) {
            throw new IllegalStateException("ZooKeeper did not start within " + unit.toMillis(timeout) + " ms");
        }
        return standalone.getClientPort();
    }

    /**
     * The server, created on first use: picocli builds every subcommand of {@code ferry} at start-up,
     * and loading ZooKeeper's server classes there would slow every other tool down.
     */
    private synchronized Server server() {
        if (server == null) {
            server = new Server();
        }
        return server;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already running shutdown hooks
        }
    }

    /** ZooKeeperServerMain that reports when it accepts connections. */
    private final class Server extends ZooKeeperServerMain {
        private final CountDownLatch started = new CountDownLatch(1);

        @Override
        protected void serverStarted() {
            PrintWriter out = spec != null ? spec.commandLine().getOut() : new PrintWriter(System.out, true);
            out.println("ZooKeeper listening on " + host + ":" + getClientPort() + " (data in " + dataDir + ")");
            out.flush();
            started.countDown();
        }
    }
}
