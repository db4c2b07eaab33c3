package io.ferrymq.client.common.config;

import java.util.Optional;

/**
 * A configuration was missing, unknown or had an invalid value. The message always names the key
 * and, for invalid values, the value and what is allowed.
 */
public class ConfigException extends RuntimeException {

    private final String key;

    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The configuration key at fault, when one key is. */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }
}
