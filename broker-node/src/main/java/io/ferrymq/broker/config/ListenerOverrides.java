package io.ferrymq.broker.config;

import static io.ferrymq.broker.config.ServerConfigKeys.LISTENER_NAME_PREFIX;

import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.security.SslConfigKeys;
import io.ferrymq.common.security.SslSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Kafka's per-listener overrides {@code listener.name.<name>.<key>}, held apart from the other
 * broker keys: a listener's {@code ssl.*} settings are the global ones overlaid by its own. Only
 * {@code ssl.*} keys may be overridden; anything else, and an override of a listener that does not
 * exist, is reported by {@link #problems}.
 *
 * <p>Immutable and thread-safe.
 */
final class ListenerOverrides {

    private final Map<String, String> others;
    private final Map<String, String> globalSsl;
    private final Map<String, Map<String, String>> byListener;

    private ListenerOverrides(Map<String, String> others, Map<String, String> globalSsl,
                              Map<String, Map<String, String>> byListener) {
        this.others = others;
        this.globalSsl = globalSsl;
        this.byListener = byListener;
    }

    /** Splits raw broker settings into per-listener overrides and the rest. */
    static ListenerOverrides of(Map<String, String> raw) {
        Map<String, String> others = new LinkedHashMap<>();
        Map<String, String> globalSsl = new LinkedHashMap<>();
        Map<String, Map<String, String>> byListener = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            if (key.startsWith(LISTENER_NAME_PREFIX) && key.indexOf('.', LISTENER_NAME_PREFIX.length()) > 0) {
                int nameEnd = key.indexOf('.', LISTENER_NAME_PREFIX.length());
                String listener = key.substring(LISTENER_NAME_PREFIX.length(), nameEnd).toUpperCase(Locale.ROOT);
                byListener.computeIfAbsent(listener, l -> new LinkedHashMap<>()).put(key.substring(nameEnd + 1), value);
                return;
            }
            others.put(key, value);
            if (key.startsWith(SslConfigKeys.PREFIX)) {
                globalSsl.put(key, value);
            }
        });
        return new ListenerOverrides(Map.copyOf(others), Map.copyOf(globalSsl), Map.copyOf(byListener));
    }

    /** Every setting that is not a per-listener override. */
    Map<String, String> others() {
        return others;
    }

    /** The TLS settings of {@code listenerName}; throws {@link ConfigException} naming a bad override. */
    SslSettings sslSettings(String listenerName) {
        Map<String, String> merged = new LinkedHashMap<>(globalSsl);
        merged.putAll(byListener.getOrDefault(listenerName, Map.of()));
        try {
            return SslSettings.forServer(SslConfigKeys.BROKER.parse(merged));
        } catch (ConfigException e) {
            throw new ConfigException("Invalid TLS settings of listener " + listenerName + " (" + LISTENER_NAME_PREFIX
                    + listenerName.toLowerCase(Locale.ROOT) + ".ssl.* over ssl.*): " + e.getMessage());
        }
    }

    /** Overrides of listeners not in {@code listenerNames}, and of keys other than {@code ssl.*}. */
    List<String> problems(Set<String> listenerNames) {
        List<String> problems = new ArrayList<>();
        byListener.forEach((listener, keys) -> {
            if (!listenerNames.contains(listener)) {
                problems.add(LISTENER_NAME_PREFIX + listener.toLowerCase(Locale.ROOT) + ".* overrides listener "
                        + listener + ", which is not in listeners " + listenerNames);
            }
            keys.keySet().stream().filter(key -> !key.startsWith(SslConfigKeys.PREFIX)).forEach(key ->
                    problems.add("Unknown configuration '" + LISTENER_NAME_PREFIX + listener.toLowerCase(Locale.ROOT)
                            + "." + key + "': only ssl.* keys may be set per listener"));
        });
        return problems;
    }
}
