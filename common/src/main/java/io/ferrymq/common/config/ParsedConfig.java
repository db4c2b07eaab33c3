package io.ferrymq.common.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The typed values of every key of a {@link ConfigDefinition} after parsing and validation (empty
 * for an optional key left unset), plus which keys the user set explicitly (some checks depend on
 * that, e.g. {@code enable.auto.commit} without {@code group.id}). Reading a key that is not
 * defined is a programming error ({@link IllegalArgumentException}).
 *
 * <p>Immutable and thread-safe.
 */
public final class ParsedConfig {

    private final ConfigDefinition definition;
    private final Map<String, Optional<Object>> values;
    private final Set<String> explicit;

    ParsedConfig(ConfigDefinition definition, Map<String, Optional<Object>> values, Set<String> explicit) {
        this.definition = definition;
        this.values = Map.copyOf(values);
        this.explicit = Set.copyOf(explicit);
    }

    public int getInt(String key) {
        return (Integer) required(key);
    }

    public long getLong(String key) {
        return (Long) required(key);
    }

    public double getDouble(String key) {
        return (Double) required(key);
    }

    public boolean getBoolean(String key) {
        return (Boolean) required(key);
    }

    public String getString(String key) {
        return (String) required(key);
    }

    @SuppressWarnings("unchecked")
    public List<String> getList(String key) {
        return (List<String>) required(key);
    }

    /** The value of a key, empty when it is optional and not set. */
    public Optional<Object> getOptional(String key) {
        Optional<Object> value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("not a defined configuration key: " + key);
        }
        return value;
    }

    /** Whether the user set {@code key} rather than leaving it to its default. */
    public boolean isExplicit(String key) {
        return explicit.contains(key);
    }

    /** Every key and its effective value as text, one {@code \tkey = value} line each, in definition order. */
    public String describe() {
        return definition.keys().stream()
                .map(key -> "\t" + key.name() + " = " + values.get(key.name()).map(key.type()::format).orElse("null"))
                .collect(Collectors.joining("\n"));
    }

    private Object required(String key) {
        return getOptional(key).orElseThrow(() -> new IllegalStateException(key + " has no value"));
    }
}
