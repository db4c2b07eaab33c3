package io.ferrymq.broker.console;

import io.ferrymq.common.json.Json;
import io.ferrymq.common.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the console keeps of one broker's {@code /metrics.json} (see
 * {@link io.ferrymq.broker.metrics.JsonMetricsWriter}): when it was read, every numeric gauge, every
 * meter's count (rates are computed from two snapshots by {@link Rates}), and the ZooKeeper session
 * state gauge. Immutable and thread-safe.
 */
public record MetricsSnapshot(long timeMs, Map<String, Double> gauges, Map<String, Long> meterCounts,
                              Optional<String> zooKeeperState) {

    static final String ZK_STATE_GAUGE = "SessionExpireListener.SessionState";

    public MetricsSnapshot {
        gauges = Map.copyOf(gauges);
        meterCounts = Map.copyOf(meterCounts);
    }

    /** Parses a {@code /metrics.json} body read at {@code timeMs}; a malformed body throws naming {@code source}. */
    public static MetricsSnapshot parse(String source, byte[] body, long timeMs) {
        JsonObject root = Json.parseObject(source, body);
        JsonObject gaugeSection = root.object("gauges");
        Map<String, Double> gauges = new TreeMap<>();
        Optional<String> zkState = Optional.empty();
        for (String key : gaugeSection.fieldNames()) {
            if (key.equals(ZK_STATE_GAUGE)) {
                zkState = gaugeSection.object(key).optionalString("value");
            } else if (isNumericGauge(key)) {
                gaugeSection.object(key).optionalDouble("value").ifPresent(v -> gauges.put(key, v));
            }
        }
        JsonObject meterSection = root.object("meters");
        Map<String, Long> counts = new TreeMap<>();
        for (String key : meterSection.fieldNames()) {
            counts.put(key, meterSection.object(key).requireLong("count"));
        }
        return new MetricsSnapshot(timeMs, gauges, counts, zkState);
    }

    /** The gauges the console reads: log sizes and the replica manager's counts. */
    private static boolean isNumericGauge(String key) {
        return key.startsWith("Log.Size{") || key.startsWith("ReplicaManager.");
    }

    public Optional<Double> gauge(String key) {
        return Optional.ofNullable(gauges.get(key));
    }
}
