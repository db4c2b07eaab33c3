package io.ferrymq.broker.metrics;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Kafka-style metric name: a {@code type} (the component, e.g. {@code ReplicaManager}), a
 * {@code name} (e.g. {@code UnderReplicatedPartitions}) and ordered tags (e.g. {@code topic=demo}).
 *
 * <p>Dropwizard keys metrics by a plain string, so a name is stored in the registry in its
 * {@link #encode() encoded} form {@code Type.Name} or {@code Type.Name{k=v,k=v}}; tag values are
 * percent-escaped for {@code % , = { }} so {@link #parse(String)} is an exact inverse. Strings that
 * were not produced by {@code encode} parse leniently (type {@code Other}). Immutable.
 */
public record MetricName(String type, String name, Map<String, String> tags) {

    private static final String ESCAPED = "%,={}";

    public MetricName {
        requireText(type, "type");
        requireText(name, "name");
        if (type.contains(".") || type.contains("{")) {
            throw new IllegalArgumentException("metric type must not contain '.' or '{': " + type);
        }
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(tags, "tags")));
        tags.forEach((k, v) -> {
            requireText(k, "tag key");
            Objects.requireNonNull(v, "tag value of " + k);
            if (k.chars().anyMatch(c -> ESCAPED.indexOf(c) >= 0)) {
                throw new IllegalArgumentException("metric tag key has a reserved character: " + k);
            }
        });
    }

    /** A name without tags. */
    public static MetricName of(String type, String name) {
        return new MetricName(type, name, Map.of());
    }

    /** A name with tags given as alternating keys and values, kept in that order. */
    public static MetricName of(String type, String name, String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("tags need key/value pairs, got " + keysAndValues.length + " strings");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            tags.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new MetricName(type, name, tags);
    }

    /** The registry key: {@code Type.Name} or {@code Type.Name{k=v,...}}. */
    public String encode() {
        StringBuilder sb = new StringBuilder(type).append('.').append(name);
        if (!tags.isEmpty()) {
            sb.append('{');
            tags.forEach((k, v) -> sb.append(k).append('=').append(escape(v)).append(','));
            sb.setCharAt(sb.length() - 1, '}');
        }
        return sb.toString();
    }

    /** Inverse of {@link #encode()}; any other string becomes type {@code Other} with that name. */
    public static MetricName parse(String key) {
        int brace = key.indexOf('{');
        String head = brace >= 0 && key.endsWith("}") ? key.substring(0, brace) : key;
        int dot = head.indexOf('.');
        if (dot <= 0 || dot == head.length() - 1) {
            return of("Other", key);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        if (head.length() < key.length()) {
            String body = key.substring(brace + 1, key.length() - 1);
            for (String pair : body.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    return of("Other", key);
                }
                tags.put(pair.substring(0, eq), unescape(pair.substring(eq + 1)));
            }
        }
        return new MetricName(head.substring(0, dot), head.substring(dot + 1), tags);
    }

    private static String escape(String value) {
        StringBuilder sb = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (ESCAPED.indexOf(c) >= 0) {
                sb.append('%').append(String.format("%02X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String unescape(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        return java.net.URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static void requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("metric " + what + " must not be blank");
        }
    }
}
