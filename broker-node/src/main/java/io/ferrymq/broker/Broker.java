package io.ferrymq.broker;

import io.ferrymq.broker.admin.AdminServer;
import io.ferrymq.broker.admin.AdminServerConfig;
import io.ferrymq.broker.admin.ReadinessCheck;
import io.ferrymq.broker.config.BrokerConfig;
import io.ferrymq.broker.console.Console;
import io.ferrymq.broker.console.ConsoleLogin;
import io.ferrymq.broker.console.ConsoleSessions;
import io.ferrymq.broker.console.ConsoleWrites;
import io.ferrymq.broker.config.Endpoint;
import io.ferrymq.broker.config.LogConfigKeys;
import io.ferrymq.broker.config.ModuleConfigs;
import io.ferrymq.broker.config.ServerConfigKeys;
import io.ferrymq.broker.group.GroupCoordinator;
import io.ferrymq.broker.log.LogConfig;
import io.ferrymq.broker.log.LogManager;
import io.ferrymq.broker.metrics.BrokerMetricNames;
import io.ferrymq.broker.metrics.BrokerMetrics;
import io.ferrymq.broker.replication.ReplicaManager;
import io.ferrymq.broker.replication.ReplicationConfig;
import io.ferrymq.broker.replication.ReplicationContext;
import io.ferrymq.broker.security.AuthorizerSettings;
import io.ferrymq.broker.replication.NetworkLeaderEndpoints;
import io.ferrymq.broker.server.ListenerSecurity;
import io.ferrymq.coordinator.credentials.CredentialCache;
import io.ferrymq.broker.server.RequestDispatcher;
import io.ferrymq.broker.server.RequestExecutor;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.broker.server.ServerCodec;
import io.ferrymq.broker.server.RequestMetrics;
import io.ferrymq.broker.server.ServerSettings;
import io.ferrymq.broker.server.SocketServer;
import io.ferrymq.broker.server.handler.BrokerHandlers;
import io.ferrymq.broker.server.handler.ClusterView;
import io.ferrymq.broker.server.handler.ConfigDescriber;
import io.ferrymq.broker.server.handler.DescribeConfigsHandler;
import io.ferrymq.broker.server.handler.IncrementalAlterConfigsHandler;
import io.ferrymq.broker.server.handler.AlterUserScramCredentialsHandler;
import io.ferrymq.broker.server.handler.DescribeUserScramCredentialsHandler;
import io.ferrymq.broker.server.handler.InitProducerIdHandler;
import io.ferrymq.broker.server.handler.TopicDefaults;
import io.ferrymq.broker.server.handler.group.GroupHandlers;
import io.ferrymq.client.network.BrokerAddress;
import io.ferrymq.client.network.ClientSecurity;
import io.ferrymq.coordinator.metadata.MetadataStore;
import io.ferrymq.coordinator.metadata.ZkMetadataStore;
import io.ferrymq.coordinator.producer.ProducerIdManager;
import io.ferrymq.coordinator.producer.ZkProducerIdStore;
import io.ferrymq.coordinator.registry.BrokerInfo;
import io.ferrymq.coordinator.registry.BrokerRegistry;
import io.ferrymq.coordinator.registry.LogDirEventNotifications;
import io.ferrymq.coordinator.registry.ZkBrokerRegistry;
import io.ferrymq.coordinator.credentials.ZkUserCredentials;
import io.ferrymq.coordinator.zk.ClusterId;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkConfig;
import io.ferrymq.coordinator.zk.ZkConnectionState;
import io.ferrymq.common.security.SslEngineFactory;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.function.Function;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker: wires the log manager, the ZooKeeper client, broker registry, metadata store,
 * replica manager, group coordinator ({@link BrokerGroups}), producer id blocks
 * ({@link ProducerIdManager}), authorization ({@link BrokerAuthorization}), request handlers, the network server and the admin HTTP server.
 *
 * <p>Start-up order: every module's config is mapped (a bad value fails before anything opens) →
 * logs (recovery) → ZooKeeper → registry and metadata caches → replica manager (not started) → group
 * coordinator → ACLs loaded (when an authorizer is configured) → network server bound, one listener
 * each with its security (so the real port is known for port 0) → registration under
 * admin HTTP (and the web console, whose URL goes into the registration) → registration under
 * {@code /brokers/ids} with every advertised listener → replica manager started (loads replicas,
 * joins latches) → log-dir failure handling (a failed dir's replicas go offline; with none left the
 * broker stops as by {@link #close}). A failure at any step closes what was started, in
 * reverse, and is rethrown.
 *
 * <p>Stop order ({@link #close}, idempotent, also from the SIGTERM hook): controlled shutdown first
 * (leaderships move to in-sync followers while this broker still serves their catch-up fetches),
 * then the server stops reading requests and finishes those in flight, then the registration is
 * removed, then everything closes in reverse start order: connections, group coordinator, replica
 * manager (leaves its latches), metadata and registry caches, the ZooKeeper session, and the logs
 * (with the clean-shutdown marker). {@link #halt} (fault injection in one JVM) skips the controlled
 * shutdown, the draining and the deregistration, and closes the rest the same way.
 *
 * <p>Thread-safe.
 */
public final class Broker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Broker.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final BrokerConfig config;
    private final Deque<Step> started = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile SocketServer server;
    private volatile List<Endpoint> advertised = List.of();
    private volatile Optional<AdminServer> admin = Optional.empty();
    private volatile BrokerRegistry registry;
    private volatile ReplicaManager replicaManager;
    private volatile ZkClient zk;
    private volatile boolean replicasLoaded;

    private Broker(BrokerConfig config) {
        this.config = config;
    }

    /** Starts a broker; throws (after cleaning up) when any part cannot start. */
    public static Broker start(BrokerConfig config) {
        return start(config, Clock.systemUTC());
    }

    public static Broker start(BrokerConfig config, Clock clock) {
        Broker broker = new Broker(config);
        try {
            broker.startParts(clock);
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    private void startParts(Clock clock) {
        // map every module's config first, so a bad value fails before anything is opened
        LogConfig logConfig = ModuleConfigs.logConfig(config);
        ZkConfig zkConfig = ModuleConfigs.zkConfig(config);
        ReplicationConfig replication = ModuleConfigs.replicationConfig(config);
        Optional<AuthorizerSettings> authorizer = ModuleConfigs.authorizerSettings(config);
        ClientSecurity interBroker = BrokerListeners.interBroker(config);
        Optional<SslEngineFactory> adminTls = BrokerListeners.adminTls(config);
        BrokerMetrics metrics = register("metrics", new BrokerMetrics());
        metrics.registerJvmMetrics();
        if (config.getBoolean(ServerConfigKeys.METRICS_JMX_ENABLE)) {
            metrics.startJmx();
        }
        LogManager logs = register("log manager", LogManager.open(logConfig, ModuleConfigs.cleanerConfig(config),
                config.getInt(LogConfigKeys.LOG_OPEN_INACTIVE_SEGMENTS_MAX), clock));
        metrics.registerLogDirectories(logConfig.logDirs(), logs.failureChannel()::isOffline);
        metrics.registerGauge(BrokerMetricNames.OPEN_INACTIVE_SEGMENT_FILES, logs.openFiles()::openInactive);
        metrics.registerLogCleaner(() -> (int) Math.round(logs.cleaner().recopyPercent()),
                () -> (int) Math.round(logs.cleaner().maxDirtyPercent()), logs.cleaner()::timeSinceLastRunMs);
        zk = register("ZooKeeper client", ZkClient.connect(zkConfig));
        registerSessionState(zk, metrics);
        CredentialCache credentials = register("credential cache", new CredentialCache(zk));
        credentials.start();
        BrokerDynamicConfigs dynamicConfigs = register("dynamic broker configs", BrokerDynamicConfigs.start(config, zk));
        ConfigDescriber describer = new ConfigDescriber(dynamicConfigs::current);
        registry = register("broker registry", new ZkBrokerRegistry(zk));
        registry.start();
        MetadataStore metadata = register("metadata store", new ZkMetadataStore(zk));
        metadata.start();
        Function<String, ServerCodec> codecs = BrokerListeners.codecs(config, metadata, describer, clock);
        List<ListenerSecurity> listeners = BrokerListeners.security(config, credentials, codecs);
        NetworkLeaderEndpoints leaders = new NetworkLeaderEndpoints(replication, config.interBrokerListenerName(),
                interBroker);
        replicaManager = register("replica manager", new ReplicaManager(replication,
                ReplicationContext.of(leaders, logs, zk, metadata, registry, metrics, clock)));
        dynamicConfigs.attach(replicaManager);
        BrokerGroups brokerGroups = new BrokerGroups(config, metrics, clock);
        GroupCoordinator groups = register("group coordinator", brokerGroups.start(zk, registry, metadata, replicaManager));
        ProducerIdManager producerIds = new ProducerIdManager(config.brokerId(), new ZkProducerIdStore(zk.curator()));
        ZkUserCredentials users = new ZkUserCredentials(zk.curator());
        BrokerAuthorization authorization = register("authorization",
                BrokerAuthorization.start(authorizer, zk, metrics));
        List<RequestHandler<?>> zkHandlers = new ArrayList<>(List.of(new InitProducerIdHandler(producerIds),
                new DescribeUserScramCredentialsHandler(users), new AlterUserScramCredentialsHandler(users),
                new DescribeConfigsHandler(metadata, describer),
                new IncrementalAlterConfigsHandler(metadata, dynamicConfigs.store(), dynamicConfigs)));
        zkHandlers.addAll(authorization.handlers());
        startServing(new ClusterView(ClusterId.getOrCreate(zk), registry), metadata, groups, zkHandlers,
                authorization, metrics, listeners, codecs);
        register("lag high watermarks", HighWatermarkPoller.start(brokerGroups.highWatermarks(), interBrokerAddress(),
                interBroker));
        BrokerInfo registration = BrokerListeners.registration(config, advertised, clock.millis());
        Optional<String> adminUrl = startAdmin(metrics, interBroker, adminTls,
                consoleSecurity(authorization, credentials, adminTls.isPresent(), clock), clock);
        BrokerInfo self = adminUrl.map(registration::withAdminUrl).orElse(registration);
        registry.register(self);
        new LogDirEventNotifications(zk.curator()).removeOwn(config.brokerId());
        replicaManager.start();
        replicaManager.handleLogDirFailures(self, this::shutDownInBackground);
        replicasLoaded = true;
        log.info("Broker {} started: listening on {}, advertised as {}", config.brokerId(), server.boundAddresses(),
                advertised);
    }

    /** Every log dir failed: stop as a controlled shutdown does, from a thread of its own. */
    private void shutDownInBackground() {
        Thread shutdown = new Thread(this::close, "ferry-shutdown-" + config.brokerId());
        shutdown.start();
    }

    private void startServing(ClusterView cluster, MetadataStore metadata, GroupCoordinator groups,
                              List<RequestHandler<?>> zkHandlers, BrokerAuthorization authorization,
                              BrokerMetrics metrics, List<ListenerSecurity> listeners,
                              Function<String, ServerCodec> codecs) {
        RequestExecutor executor = register("request executor",
                new RequestExecutor(config.getInt(ServerConfigKeys.NUM_IO_THREADS)));
        List<RequestHandler<?>> extraHandlers = new ArrayList<>(GroupHandlers.all(groups, cluster));
        extraHandlers.addAll(zkHandlers);
        RequestDispatcher dispatcher = new RequestDispatcher(BrokerHandlers.create(replicaManager, metadata, cluster,
                TopicDefaults.from(config), extraHandlers), executor, new RequestMetrics(metrics),
                authorization.accessControl());
        server = register("socket server", new SocketServer(ServerSettings.from(config), listeners,
                codecs, dispatcher));
        server.start();
        advertised = BrokerListeners.advertised(config, server.boundAddresses());
    }

    private static void registerSessionState(ZkClient zk, BrokerMetrics metrics) {
        AtomicReference<ZkConnectionState> state = new AtomicReference<>(
                zk.isConnected() ? ZkConnectionState.CONNECTED : ZkConnectionState.SUSPENDED);
        zk.addConnectionListener(state::set);
        metrics.registerZooKeeperSessionState(() -> state.get().name());
    }

    /**
     * What the console needs to offer alter actions, when security is on: an authorizer and TLS on
     * the admin port (so passwords never cross it in clear). Empty otherwise: a read-only console.
     */
    private static Optional<ConsoleWrites.Security> consoleSecurity(BrokerAuthorization authorization,
                                                                    CredentialCache credentials, boolean adminTls,
                                                                    Clock clock) {
        if (!adminTls) {
            return Optional.empty();
        }
        return authorization.authorizer().map(authorizer -> new ConsoleWrites.Security(authorizer,
                new ConsoleLogin(credentials), new ConsoleSessions(clock)));
    }

    /** Starts the admin HTTP server (with the console unless disabled); its base URL, when it runs. */
    private Optional<String> startAdmin(BrokerMetrics metrics, ClientSecurity interBroker,
                                        Optional<SslEngineFactory> tls, Optional<ConsoleWrites.Security> alter,
                                        Clock clock) {
        int port = config.getInt(ServerConfigKeys.ADMIN_HTTP_PORT);
        if (port < 0) {
            return Optional.empty();
        }
        Optional<Console> console = Optional.empty();
        if (config.getBoolean(ServerConfigKeys.ADMIN_CONSOLE_ENABLE)) {
            console = Optional.of(register("web console", Console.start(config.brokerId(), registry,
                    interBrokerAddress(), interBroker, alter, tls.map(SslEngineFactory::context), clock)));
        }
        String host = config.getString(ServerConfigKeys.ADMIN_HTTP_HOST);
        AdminServerConfig adminConfig = new AdminServerConfig(host, port, tls);
        AdminServer adminServer = register("admin HTTP server", AdminServer.start(adminConfig, metrics,
                ReadinessCheck.of(() -> registry.broker(config.brokerId()).isPresent(),
                        () -> replicasLoaded), console));
        admin = Optional.of(adminServer);
        String urlHost = host.equals("0.0.0.0") || host.equals("::") ? advertised.get(0).host() : host;
        return Optional.of(adminConfig.scheme() + "://" + (urlHost.contains(":") ? "[" + urlHost + "]" : urlHost) + ":" + adminServer.port());
    }

    /** This broker's advertised inter-broker endpoint, once serving. */
    private BrokerAddress interBrokerAddress() {
        Endpoint own = advertised.stream()
                .filter(e -> e.listenerName().equals(config.interBrokerListenerName())).findFirst().orElseThrow();
        return new BrokerAddress(own.host(), own.port());
    }

    public int brokerId() {
        return config.brokerId();
    }

    public BrokerConfig config() {
        return config;
    }

    /** The address the first listener is bound to (the real port when port 0 was configured). */
    public InetSocketAddress boundAddress() {
        return server.boundAddresses().get(0);
    }

    /** The address listener {@code listenerName} is bound to. */
    public InetSocketAddress boundAddress(String listenerName) {
        List<Endpoint> listeners = config.listeners();
        for (int i = 0; i < listeners.size(); i++) {
            if (listeners.get(i).listenerName().equals(listenerName)) {
                return server.boundAddresses().get(i);
            }
        }
        throw new IllegalArgumentException("no listener " + listenerName + " in " + listeners);
    }

    /** What this broker registered for its first listener. */
    public Endpoint advertisedEndpoint() {
        return advertised.get(0);
    }

    /** What this broker registered for each listener, in listener order. */
    public List<Endpoint> advertisedEndpoints() {
        return advertised;
    }

    /** The admin HTTP server's port, when it runs. */
    public Optional<Integer> adminPort() {
        return admin.map(AdminServer::port);
    }

    public ReplicaManager replicaManager() {
        return replicaManager;
    }

    /**
     * The broker's ZooKeeper client: its session is the one that owns this broker's registration
     * (ferry-test expires it from the server side to inject a session expiry).
     */
    public ZkClient zooKeeper() {
        return zk;
    }

    /** Blocks until {@link #close} has finished. */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    /** Stops the broker (see the class comment); idempotent, and safe on a half-started broker. */
    @Override
    public void close() {
        stop(true);
    }

    /**
     * Stops the broker as abruptly as an in-JVM stop can, for fault injection (ferry-test's kill):
     * no controlled shutdown, no draining and no deregistration, so leaderships move only when the
     * registration vanishes with the session and requests in flight get no answer; the parts then
     * close as {@link #close} closes them. Idempotent, and a no-op after {@link #close}.
     */
    public void halt() {
        stop(false);
    }

    private void stop(boolean graceful) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("Broker {} {}", config.brokerId(), graceful ? "stopping" : "halting");
        if (graceful && replicaManager != null && server != null
                && config.getBoolean(ServerConfigKeys.CONTROLLED_SHUTDOWN_ENABLE)) {
            runQuietly("controlled shutdown", replicaManager::resignLeaderships);
        }
        if (graceful && server != null) {
            runQuietly("draining requests", () -> server.stopAccepting(DRAIN_TIMEOUT));
        }
        if (graceful && registry != null) {
            runQuietly("deregistering", registry::deregister);
        }
        while (!started.isEmpty()) {
            Step step = started.pop();
            runQuietly("closing " + step.name(), step.resource()::close);
        }
        log.info("Broker {} stopped", config.brokerId());
        stopped.countDown();
    }

    private <T extends AutoCloseable> T register(String name, T resource) {
        started.push(new Step(name, resource));
        return resource;
    }

    private static void runQuietly(String what, ThrowingRunnable action) {
        try {
            action.run();
        } catch (Exception e) {
            log.warn("Error while {}: {}", what, e.toString(), e);
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private record Step(String name, AutoCloseable resource) {
    }
}
