package io.ferrymq.broker.console;

import java.util.Map;
import java.util.TreeMap;

/**
 * Per-second rates of every meter between two snapshots of one broker: the count's growth divided
 * by the time between them. A meter that shrank (the broker restarted, or the topic was deleted
 * and made again) or is missing from the earlier snapshot has no rate yet. Stateless.
 */
public final class Rates {

    private Rates() {
    }

    /** Rates per meter key from {@code earlier} to {@code later}; empty when no time passed. */
    public static Map<String, Double> between(MetricsSnapshot earlier, MetricsSnapshot later) {
        long elapsedMs = later.timeMs() - earlier.timeMs();
        Map<String, Double> rates = new TreeMap<>();
        if (elapsedMs <= 0) {
            return rates;
        }
        later.meterCounts().forEach((key, count) -> {
            Long before = earlier.meterCounts().get(key);
            if (before != null && count >= before) {
                rates.put(key, (count - before) * 1000.0 / elapsedMs);
            }
        });
        return rates;
    }
}
