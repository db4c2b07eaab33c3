package io.ferrymq.common.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A configuration that cannot be used: unknown keys, values of the wrong type, values outside the
 * allowed range, missing required keys or inconsistent pairs. One exception carries every problem
 * found ({@link #problems()}, joined by {@code "; "} in the message), so an operator can fix the
 * whole file from one message; each problem names its key and what is allowed.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigException extends RuntimeException {

    private final String key;
    private final List<String> problems;

    /** A problem not tied to one key (an unreadable file, an inconsistent pair). */
    public ConfigException(String message) {
        this(null, List.of(message));
    }

    /** A problem with configuration {@code key}. */
    public ConfigException(String key, String message) {
        this(Objects.requireNonNull(key, "key"), List.of(message));
    }

    private ConfigException(String key, List<String> problems) {
        super(String.join("; ", problems));
        this.key = key;
        this.problems = List.copyOf(problems);
    }

    /** A value of {@code key} that is not allowed; {@code allowed} says what would be. */
    public static ConfigException invalid(String key, Object value, String allowed) {
        return new ConfigException(key, "Invalid value '" + value + "' for configuration '" + key + "': " + allowed);
    }

    /**
     * One exception holding every problem of {@code causes} (at least one), in order; its key is the
     * key they all name, if they name one and the same.
     */
    public static ConfigException combine(List<ConfigException> causes) {
        if (causes.isEmpty()) {
            throw new IllegalArgumentException("no configuration problems to combine");
        }
        if (causes.size() == 1) {
            return causes.get(0);
        }
        List<String> keys = causes.stream().map(c -> c.key).distinct().toList();
        String common = keys.size() == 1 ? keys.get(0) : null;
        return new ConfigException(common, causes.stream().flatMap(c -> c.problems.stream()).toList());
    }

    /** The configuration key at fault, when every problem is about that one key. */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /** Every problem found, each a sentence naming its key; never empty. */
    public List<String> problems() {
        return problems;
    }
}
