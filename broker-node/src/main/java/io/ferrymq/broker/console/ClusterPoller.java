package io.ferrymq.broker.console;

import io.ferrymq.coordinator.registry.BrokerInfo;
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
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every broker's {@code /metrics.json} on each {@link #pollOnce()}: brokers come from the
 * live registrations (the local registry cache, with their {@code admin_url}) and are remembered once seen, so a broker
 * that died stays listed as down. Each round replaces the brokers' {@link BrokerState}s, with rates
 * from the previous snapshot. Each read waits at most one second.
 *
 * <p>Thread-safe: one thread polls, request threads read {@link #brokers()} (a copy).
 */
public final class ClusterPoller {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterPoller.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

    private final Supplier<Map<Integer, BrokerInfo>> liveBrokers;
    private final Clock clock;
    private final HttpClient http;
    private final Map<Integer, BrokerInfo> known = new ConcurrentHashMap<>();
    private final Map<Integer, BrokerState> states = new ConcurrentHashMap<>();

    /** {@code liveBrokers} answers the registered brokers by id (e.g. {@code BrokerRegistry::liveBrokers}). */
    public ClusterPoller(Supplier<Map<Integer, BrokerInfo>> liveBrokers, Clock clock) {
        this(liveBrokers, clock, Optional.empty());
    }

    /**
     * With {@code tls}, {@code https} admin URLs (brokers with {@code admin.http.ssl.enable}) are
     * read with that context, whose trust store checks the brokers' certificates.
     */
    public ClusterPoller(Supplier<Map<Integer, BrokerInfo>> liveBrokers, Clock clock, Optional<SSLContext> tls) {
        this.liveBrokers = liveBrokers;
        this.clock = clock;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT);
        tls.ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    /** Every broker seen so far, by id. */
    public Map<Integer, BrokerState> brokers() {
        return new TreeMap<>(states);
    }

    /** One round: refresh every known broker's state. */
    public void pollOnce() {
        Map<Integer, BrokerInfo> live = liveBrokers.get();
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
}
