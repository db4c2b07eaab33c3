package io.ferrymq.client.admin;

import java.util.Objects;
import java.util.Optional;

/**
 * One config key as DescribeConfigs reports it: its effective value (empty when unset or sensitive),
 * where that value comes from, whether it can be changed at run time (not {@code readOnly}) and whether
 * it is sensitive (a password: its value is never shown). Immutable.
 */
public record ConfigEntry(String name, Optional<String> value, Source source, boolean readOnly, boolean sensitive) {

    /** Where a value comes from, Kafka's {@code ConfigEntry.ConfigSource} with its wire codes. */
    public enum Source {
        UNKNOWN(0), DYNAMIC_TOPIC_CONFIG(1), DYNAMIC_BROKER_CONFIG(2), DYNAMIC_DEFAULT_BROKER_CONFIG(3),
        STATIC_BROKER_CONFIG(4), DEFAULT_CONFIG(5);

        private final int code;

        Source(int code) {
            this.code = code;
        }

        /** The source of wire code {@code code}; unknown codes are {@link #UNKNOWN}. */
        public static Source of(int code) {
            for (Source source : values()) {
                if (source.code == code) {
                    return source;
                }
            }
            return UNKNOWN;
        }
    }

    public ConfigEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }
}
