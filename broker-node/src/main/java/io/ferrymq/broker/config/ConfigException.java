package io.ferrymq.broker.config;

/**
 * A configuration that cannot be used: an unknown key, a value of the wrong type, a value outside
 * the allowed range, or a missing required key. The message names the key and what is allowed, so
 * an operator can fix the file from the message alone.
 */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    /** A value of {@code key} that is not allowed; {@code allowed} says what would be. */
    public static ConfigException invalid(String key, Object value, String allowed) {
        return new ConfigException("Invalid value '" + value + "' for configuration '" + key + "': " + allowed);
    }
}
