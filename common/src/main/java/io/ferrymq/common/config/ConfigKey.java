package io.ferrymq.common.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one definition of a configuration key: its name, type, default, validator, documentation,
 * importance and the group it is listed under in the reference. A key without a default is either
 * required ({@code required == true}) or optional with no value ({@link Optional#empty()} when read).
 * A {@code dynamic} key may also be set at run time (for the broker: Kafka's dynamic broker configs,
 * per broker or cluster-wide, which take effect without a restart); every other key is read-only
 * once the process runs.
 *
 * <p>Immutable and thread-safe.
 */
public record ConfigKey(
        String name,
        ConfigType type,
        Optional<Object> defaultValue,
        boolean required,
        Validator validator,
        String doc,
        Importance importance,
        String group,
        boolean dynamic) {

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(importance, "importance");
        Objects.requireNonNull(group, "group");
        if (required && defaultValue.isPresent()) {
            throw new IllegalArgumentException("required key " + name + " cannot have a default");
        }
        defaultValue.ifPresent(value -> {
            if (!type.accepts(value)) {
                throw new IllegalArgumentException("default of " + name + " is not a " + type.displayName());
            }
            validator.ensureValid(name, value);
        });
    }

    /** This key, marked as one that may be changed at run time. */
    public ConfigKey asDynamic() {
        return new ConfigKey(name, type, defaultValue, required, validator, doc, importance, group, true);
    }

    /** Parses (text or an already-typed value, see {@link ConfigType}) and validates a value for this key. */
    public Object parse(Object raw) {
        Object value = type.parse(name, raw);
        validator.ensureValid(name, value);
        return value;
    }

    /**
     * This key's value in {@code raw} (other entries are ignored): the parsed value when set, else
     * the default, else empty; throws {@link ConfigException} for an invalid value or a missing
     * required key.
     */
    public Optional<Object> valueIn(Map<String, ?> raw) {
        Object given = raw.get(name);
        if (given != null) {
            return Optional.of(parse(given));
        }
        if (required) {
            throw new ConfigException(name, "Missing required configuration '" + name + "' ("
                    + type.displayName() + "): " + doc);
        }
        return defaultValue;
    }

    /** The default as text for documentation: the value, "(required)" or "null". */
    public String defaultText() {
        if (required) {
            return "(required)";
        }
        return defaultValue.map(type::format).orElse("null");
    }
}
