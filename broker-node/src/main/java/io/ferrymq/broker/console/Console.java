package io.ferrymq.broker.console;

import io.ferrymq.broker.PeriodicTask;
import io.ferrymq.client.network.BrokerAddress;
import io.ferrymq.client.network.ClientSecurity;
import io.ferrymq.coordinator.registry.BrokerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The web console a broker serves on its admin HTTP server: static pages under
 * {@code /console/} ({@link StaticAssets}) and JSON under {@code /api/} ({@link ConsoleApi}); read-only unless security is on and the principal
 * may alter ({@link ConsoleWrites}).
 * It owns two {@link PeriodicTask}s, every {@link #POLL_INTERVAL}: {@code ferry-console-poller}
 * ({@link ClusterPoller}: every broker's metrics) and {@code ferry-console-lag} (every group's
 * total lag into the {@link LagHistory}), and the {@link ClusterClients}. The design note is in
 * this package's {@code package-info}.
 *
 * <p>Thread-safe. {@link #close()} stops both tasks, then closes the clients.
 */
public final class Console implements AutoCloseable {

    public static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
    static final Duration LAG_WINDOW = Duration.ofMinutes(10);

    private final List<PeriodicTask> tasks;
    private final ClusterClients clients;
    private final ConsoleApi api;
    private final ConsoleWrites writes;

    private Console(List<PeriodicTask> tasks, ClusterClients clients, ConsoleApi api, ConsoleWrites writes) {
        this.tasks = tasks;
        this.clients = clients;
        this.api = api;
        this.writes = writes;
    }

    /**
     * Starts the poller over {@code registry} and the clients on {@code bootstrap} (this broker's
     * inter-broker listener); with {@code alter} the console offers alter actions to principals the
     * ACLs allow ({@link ConsoleWrites}), without it the console is read-only. {@code adminTls}
     * reads the brokers' {@code https} admin URLs.
     */
    public static Console start(int brokerId, BrokerRegistry registry, BrokerAddress bootstrap, ClientSecurity security,
                                Optional<ConsoleWrites.Security> alter, Optional<SSLContext> adminTls, Clock clock) {
        LagHistory lag = new LagHistory(LAG_WINDOW);
        ClusterClients clients = new ClusterClients(bootstrap, security);
        ClusterPoller poller = new ClusterPoller(registry::liveBrokers, clock, adminTls);
        List<PeriodicTask> tasks = List.of(
                PeriodicTask.start("ferry-console-poller", poller::pollOnce, POLL_INTERVAL),
                PeriodicTask.start("ferry-console-lag", () -> lag.record(clock.millis(), clients.totalLagByGroup()),
                        POLL_INTERVAL));
        return new Console(tasks, clients, new ConsoleApi(brokerId, clients, poller, lag),
                new ConsoleWrites(alter, clients::apply));
    }

    /** Whether this console answers {@code path}. */
    public static boolean serves(String path) {
        return path.equals("/console") || path.startsWith(StaticAssets.PREFIX) || path.startsWith(ConsoleApi.PREFIX);
    }

    /** The answer to a GET of {@code path} with {@code rawQuery} (may be null). */
    public ConsoleResponse handle(String path, String rawQuery) {
        return handle(ConsoleRequest.get(path, rawQuery));
    }

    /** The answer to {@code request}: a GET (or HEAD) of a page or JSON, or a POST to {@link ConsoleWrites}. */
    public ConsoleResponse handle(ConsoleRequest request) {
        String path = request.path();
        boolean api = path.startsWith(ConsoleApi.PREFIX);
        if (request.method().equals("POST")) {
            return api ? writes.post(path.substring(ConsoleApi.PREFIX.length()), request)
                    : ConsoleResponse.text(405, "method not allowed\n");
        }
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return ConsoleResponse.text(405, "method not allowed\n");
        }
        if (path.equals(ConsoleApi.PREFIX + "session")) {
            return writes.session(request);
        }
        if (api) {
            return this.api.handle(path, request.rawQuery());
        }
        return StaticAssets.serve(path.equals("/console") ? StaticAssets.PREFIX : path);
    }

    @Override
    public void close() {
        tasks.forEach(PeriodicTask::close);
        clients.close();
    }
}
