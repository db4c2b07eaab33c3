package io.ferrymq.broker.console;

import io.ferrymq.client.network.BrokerAddress;
import io.ferrymq.client.network.ClientSecurity;
import io.ferrymq.coordinator.registry.BrokerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The read-only web console a broker serves on its admin HTTP server: static pages under
 * {@code /console/} ({@link StaticAssets}) and JSON under {@code /api/} ({@link ConsoleApi}).
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

    private Console(List<PeriodicTask> tasks, ClusterClients clients, ConsoleApi api) {
        this.tasks = tasks;
        this.clients = clients;
        this.api = api;
    }

    /** Starts the poller over {@code registry} and the clients on {@code bootstrap} (this broker's inter-broker listener). */
    public static Console start(int brokerId, BrokerRegistry registry, BrokerAddress bootstrap, ClientSecurity security,
                                Clock clock) {
        LagHistory lag = new LagHistory(LAG_WINDOW);
        ClusterClients clients = new ClusterClients(bootstrap, security);
        ClusterPoller poller = new ClusterPoller(registry::liveBrokers, clock);
        List<PeriodicTask> tasks = List.of(
                PeriodicTask.start("ferry-console-poller", poller::pollOnce, POLL_INTERVAL),
                PeriodicTask.start("ferry-console-lag", () -> lag.record(clock.millis(), clients.totalLagByGroup()),
                        POLL_INTERVAL));
        return new Console(tasks, clients, new ConsoleApi(brokerId, clients, poller, lag));
    }

    /** Whether this console answers {@code path}. */
    public static boolean serves(String path) {
        return path.equals("/console") || path.startsWith(StaticAssets.PREFIX) || path.startsWith(ConsoleApi.PREFIX);
    }

    /** The answer to a GET of {@code path} with {@code rawQuery} (may be null). */
    public ConsoleResponse handle(String path, String rawQuery) {
        if (path.startsWith(ConsoleApi.PREFIX)) {
            return api.handle(path, rawQuery);
        }
        return StaticAssets.serve(path.equals("/console") ? StaticAssets.PREFIX : path);
    }

    @Override
    public void close() {
        tasks.forEach(PeriodicTask::close);
        clients.close();
    }
}
