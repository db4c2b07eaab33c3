package io.ferrymq.common.security;

import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.config.Validator;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a connection is secured, with Kafka's names: in clear ({@code PLAINTEXT}), over TLS
 * ({@code SSL}), authenticated by SASL in clear ({@code SASL_PLAINTEXT}) or over TLS
 * ({@code SASL_SSL}). A listener of the broker and the client's {@code security.protocol} each name
 * one.
 *
 * <p>Immutable and thread-safe.
 */
public enum SecurityProtocol {
    PLAINTEXT(false, false),
    SSL(true, false),
    SASL_PLAINTEXT(false, true),
    SASL_SSL(true, true);

    private final boolean tls;
    private final boolean sasl;

    SecurityProtocol(boolean tls, boolean sasl) {
        this.tls = tls;
        this.sasl = sasl;
    }

    /** Whether connections run over TLS. */
    public boolean isTls() {
        return tls;
    }

    /** Whether connections authenticate with SASL before any other request. */
    public boolean isSasl() {
        return sasl;
    }

    /** Parses a protocol name (any case) given for configuration {@code key}. */
    public static SecurityProtocol parse(String key, String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid(key, text, "one of " + names());
        }
    }

    /** A validator accepting a protocol name in any case, as Kafka's. */
    public static Validator validator() {
        return new Validator() {
            @Override
            public void ensureValid(String key, Object value) {
                parse(key, String.valueOf(value));
            }

            @Override
            public String describe() {
                return "one of " + List.of(names()) + " (any case)";
            }
        };
    }

    /** The protocol names, for validators and messages. */
    public static String[] names() {
        return Arrays.stream(values()).map(Enum::name).toArray(String[]::new);
    }
}
