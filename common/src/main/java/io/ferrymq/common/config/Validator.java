package io.ferrymq.common.config;

/**
 * A check on a parsed configuration value. {@link #describe()} says what is allowed; it is used
 * both in error messages and in the generated configuration reference.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface Validator {

    /** Throws {@link ConfigException} naming {@code key} when {@code value} is not allowed. */
    void ensureValid(String key, Object value);

    /** What values are allowed, in words, e.g. {@code [1,...]} or {@code one of [none, gzip]}. */
    String describe();
}
