package io.ferrymq.broker.console;

import io.ferrymq.broker.metrics.MetricName;
import io.ferrymq.coordinator.registry.BrokerInfo;
import io.ferrymq.coordinator.registry.BrokerRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every broker's {@code /metrics.json} every {@code interval} on the named thread
 * {@code ferry-console-poller}: brokers come from the local registry cache (with their
 * {@code admin_url}) and are remembered once seen, so a broker that died stays listed as down.
 * Each round replaces the brokers' {@link BrokerState}s (rates from the previous snapshot) and adds
 * the groups' total lag, from the coordinators' lag gauges, to the {@link LagHistory}.
 *
 * <p>Thread-safe: the poller thread writes, request threads read {@link #brokers()} (a copy).
 * {@link #close()} stops and joins the thread.
 */
public final class ClusterPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterPoller.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

    private final BrokerRegistry registry;
    private final LagHistory lagHistory;
    private final Clock clock;
    private final Duration interval;
    private final HttpClient http;
    private final Map<Integer, BrokerInfo> known = new ConcurrentHashMap<>();
    private final Map<Integer, BrokerState> states = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public ClusterPoller(BrokerRegistry registry, LagHistory lagHistory, Clock clock, Duration interval) {
        this.registry = registry;
        this.lagHistory = lagHistory;
        this.clock = clock;
        this.interval = interval;
        this.http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
        this.thread = new Thread(this::run, "ferry-console-poller");
        thread.setDaemon(true);
    }

    public ClusterPoller start() {
        thread.start();
        return this;
    }

    /** Every broker seen so far, by id. */
    public Map<Integer, BrokerState> brokers() {
        return new TreeMap<>(states);
    }

    private void run() {
        while (running) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                LOG.warn("console poll failed", e);
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One round: refresh every known broker's state and record the groups' lag. */
    void pollOnce() {
        Map<Integer, BrokerInfo> live = registry.liveBrokers();
        known.putAll(live);
        for (BrokerInfo info : List.copyOf(known.values())) {
            Optional<MetricsSnapshot> snapshot = info.adminUrl().flatMap(this::read);
            BrokerState previous = states.get(info.id());
            Map<String, Double> rates = snapshot.isPresent() && previous != null && previous.metrics().isPresent()
                    ? Rates.between(previous.metrics().get(), snapshot.get()) : Map.of();
            Optional<Boolean> reachable = info.adminUrl().map(url -> snapshot.isPresent());
            states.put(info.id(), new BrokerState(info.id(), info.host(), info.port(), info.rack(), info.adminUrl(),
                    live.containsKey(info.id()), reachable, snapshot, rates));
        }
        lagHistory.record(clock.millis(), totalLagByGroup(states.values().stream()
                .filter(BrokerState::isUp).flatMap(s -> s.metrics().stream()).toList()));
    }

    /** Sums the lag gauges per group over the coordinators' snapshots; -1 (end offset unknown there) counts as nothing. */
    static Map<String, Long> totalLagByGroup(List<MetricsSnapshot> snapshots) {
        Map<String, Long> totals = new TreeMap<>();
        for (MetricsSnapshot s : snapshots) {
            s.gauges().forEach((key, value) -> {
                if (key.startsWith("ConsumerGroupMetrics.ConsumerLag{") && value >= 0) {
                    String group = MetricName.parse(key).tags().get("group");
                    totals.merge(group, Math.round(value), Long::sum);
                }
            });
        }
        return totals;
    }

    private Optional<MetricsSnapshot> read(String adminUrl) {
        URI uri = URI.create(adminUrl + "/metrics.json");
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(MetricsSnapshot.parse(uri.toString(), response.body(), clock.millis()));
        } catch (IOException e) {
            LOG.debug("cannot read {}: {}", uri, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
