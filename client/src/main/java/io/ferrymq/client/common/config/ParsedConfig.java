package io.ferrymq.client.common.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed values of every key of a {@link ConfigDef}, after parsing and validation, plus which keys
 * the user set explicitly (some checks depend on that, e.g. {@code enable.auto.commit} without
 * {@code group.id}).
 *
 * <p>Immutable and thread-safe.
 */
public final class ParsedConfig {

    private final Map<String, Object> values;
    private final Set<String> explicit;

    ParsedConfig(Map<String, Object> values, Set<String> explicit) {
        this.values = Map.copyOf(values);
        this.explicit = Set.copyOf(explicit);
    }

    public int getInt(String key) {
        return (Integer) get(key);
    }

    public long getLong(String key) {
        return (Long) get(key);
    }

    public boolean getBoolean(String key) {
        return (Boolean) get(key);
    }

    public String getString(String key) {
        return (String) get(key);
    }

    @SuppressWarnings("unchecked")
    public List<String> getList(String key) {
        return (List<String>) get(key);
    }

    public boolean isExplicit(String key) {
        return explicit.contains(key);
    }

    private Object get(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("Configuration '" + key + "' is not defined");
        }
        return value;
    }
}
