package io.ferrymq.broker.console;

import java.util.Map;
import java.util.Optional;

/**
 * What the console knows of one broker: its registration (present while its ZooKeeper session
 * lives), whether its admin server answered the last poll, and the metrics and rates read from
 * it. A broker is <em>down</em> when it is not registered or its admin server stopped answering
 * (a killed process is seen at the next poll, before ZooKeeper expires its session). Immutable.
 */
public record BrokerState(int id, String host, int port, Optional<String> rack, Optional<String> adminUrl,
                          boolean registered, Optional<Boolean> reachable, Optional<MetricsSnapshot> metrics,
                          Map<String, Double> rates) {

    public BrokerState {
        rates = Map.copyOf(rates);
    }

    /** Up when registered and its admin server (if it announced one) answers. */
    public boolean isUp() {
        return registered && reachable.orElse(true);
    }

    public double rate(String meterKey) {
        return rates.getOrDefault(meterKey, 0.0);
    }
}
