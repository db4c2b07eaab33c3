package io.ferrymq.client.common.config;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * A set of configuration keys, each defined once with its type, default, validator and
 * documentation, and the parser that turns user-supplied properties into typed values. Unknown
 * keys, missing required keys and invalid values are refused with a {@link ConfigException} naming
 * the key, the value and what is allowed.
 *
 * <p>Build once (not thread-safe while defining), then immutable and safe to share.
 */
public final class ConfigDef {

    /** A check over a parsed value; {@code describe} says what is allowed, for error messages. */
    public record Validator(Predicate<Object> isValid, String describe) {

        public static Validator atLeast(long min) {
            return new Validator(v -> ((Number) v).longValue() >= min, "a value of at least " + min);
        }

        public static Validator between(long min, long max) {
            return new Validator(v -> ((Number) v).longValue() >= min && ((Number) v).longValue() <= max,
                    "a value between " + min + " and " + max);
        }

        public static Validator oneOf(Collection<String> allowed) {
            return new Validator(v -> allowed.contains(v), "one of " + String.join(", ", allowed));
        }

        public static Validator any() {
            return new Validator(v -> true, "any value");
        }
    }

    /** One key's definition. An empty default means the key is required. */
    public record Key(String name, ConfigType type, Optional<Object> defaultValue, Validator validator, String doc) {
    }

    private final Map<String, Key> keys = new LinkedHashMap<>();

    /** Defines an optional key with a default value. */
    public ConfigDef define(String name, ConfigType type, Object defaultValue, Validator validator, String doc) {
        return add(new Key(name, type, Optional.of(defaultValue), validator, doc));
    }

    /** Defines a key that has no default and must be supplied. */
    public ConfigDef defineRequired(String name, ConfigType type, Validator validator, String doc) {
        return add(new Key(name, type, Optional.empty(), validator, doc));
    }

    private ConfigDef add(Key key) {
        if (keys.putIfAbsent(key.name(), key) != null) {
            throw new IllegalStateException("Configuration " + key.name() + " is defined twice");
        }
        return this;
    }

    public Map<String, Key> keys() {
        return Collections.unmodifiableMap(keys);
    }

    /** Parses {@code props} into a map holding every defined key with its typed value. */
    public ParsedConfig parse(Map<String, ?> props) {
        for (String name : props.keySet()) {
            if (!keys.containsKey(name)) {
                throw new ConfigException(name, "Unknown configuration '" + name + "'");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Key key : keys.values()) {
            values.put(key.name(), parseOne(key, props.get(key.name())));
        }
        return new ParsedConfig(values, props.keySet());
    }

    /** Parses Java {@link Properties}, e.g. loaded from a file. */
    public ParsedConfig parse(Properties props) {
        Map<String, Object> map = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(name -> map.put(name, props.getProperty(name)));
        return parse(map);
    }

    private static Object parseOne(Key key, Object raw) {
        if (raw == null) {
            return key.defaultValue().orElseThrow(() -> new ConfigException(key.name(),
                    "Missing required configuration '" + key.name() + "' which has no default value"));
        }
        Object value;
        try {
            value = key.type().parse(raw);
        } catch (IllegalArgumentException e) {
            throw invalid(key, raw, e.getMessage());
        }
        if (!key.validator().isValid().test(value)) {
            throw invalid(key, raw, "must be " + key.validator().describe());
        }
        return value;
    }

    private static ConfigException invalid(Key key, Object raw, String reason) {
        return new ConfigException(key.name(),
                "Invalid value '" + raw + "' for configuration '" + key.name() + "': " + reason);
    }
}
