package io.ferrymq.broker.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The one definition of a configuration key: its name, type, default, validator, documentation,
 * importance and the group it is listed under in the reference. A key without a default is either
 * required ({@code required == true}) or optional with no value ({@link Optional#empty()} when read).
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
        String group) {

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

    /** Parses and validates the text form of a value for this key. */
    public Object parse(String text) {
        Object value = type.parse(name, text.trim());
        validator.ensureValid(name, value);
        return value;
    }

    /** The default as text for documentation: the value, "(required)" or "null". */
    public String defaultText() {
        if (required) {
            return "(required)";
        }
        return defaultValue.map(type::format).orElse("null");
    }
}
