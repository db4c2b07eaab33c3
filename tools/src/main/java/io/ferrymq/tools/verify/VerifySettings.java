package io.ferrymq.tools.verify;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one {@code ferry verify} run does: the topic it creates, how long and how fast it writes, with
 * which acks, how many keys and group consumers, how faults are paced and how long an unavailability
 * may last. Immutable.
 */
public record VerifySettings(String topic, int partitions, short replicationFactor, Duration duration, int rate,
                             String acks, int keys, int consumers, FaultKind faults, Duration faultInterval,
                             Duration faultDuration, Duration maxUnavailable, Duration settleTimeout) {

    /** The settings as the report's {@code settings} object shows them. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("topic", topic);
        m.put("partitions", Integer.toString(partitions));
        m.put("replicationFactor", Short.toString(replicationFactor));
        m.put("durationMs", Long.toString(duration.toMillis()));
        m.put("rate", Integer.toString(rate));
        m.put("acks", acks);
        m.put("keys", Integer.toString(keys));
        m.put("consumers", Integer.toString(consumers));
        m.put("faults", faults.name().toLowerCase(java.util.Locale.ROOT));
        m.put("faultIntervalMs", Long.toString(faultInterval.toMillis()));
        m.put("faultDurationMs", Long.toString(faultDuration.toMillis()));
        m.put("maxUnavailableMs", Long.toString(maxUnavailable.toMillis()));
        return m;
    }
}
