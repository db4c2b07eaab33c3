package io.ferrymq.client.common.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The value types a configuration key may have, each with its parser from the string form found in
 * property files and command lines. Values already of the Java type pass through unchanged.
 */
public enum ConfigType {
    INT {
        @Override
        Object parseString(String value) {
            return Integer.parseInt(value);
        }
    },
    LONG {
        @Override
        Object parseString(String value) {
            return Long.parseLong(value);
        }
    },
    BOOLEAN {
        @Override
        Object parseString(String value) {
            String lower = value.toLowerCase(Locale.ROOT);
            if (!lower.equals("true") && !lower.equals("false")) {
                throw new IllegalArgumentException("expected true or false");
            }
            return Boolean.parseBoolean(lower);
        }
    },
    STRING {
        @Override
        Object parseString(String value) {
            return value;
        }
    },
    LIST {
        @Override
        Object parseString(String value) {
            if (value.isBlank()) {
                return List.of();
            }
            return Arrays.stream(value.split(",")).map(String::trim).toList();
        }
    };

    abstract Object parseString(String value);

    /** Parses {@code raw} (a String or already-typed value) into this type, or throws IllegalArgumentException. */
    Object parse(Object raw) {
        if (raw instanceof String s) {
            return parseString(s.trim());
        }
        return switch (this) {
            case INT -> raw instanceof Integer ? raw : fail(raw);
            case LONG -> raw instanceof Long || raw instanceof Integer ? ((Number) raw).longValue() : fail(raw);
            case BOOLEAN -> raw instanceof Boolean ? raw : fail(raw);
            case STRING -> fail(raw);
            case LIST -> raw instanceof List<?> list ? list.stream().map(String::valueOf).toList() : fail(raw);
        };
    }

    private Object fail(Object raw) {
        throw new IllegalArgumentException("expected " + name().toLowerCase(Locale.ROOT)
                + " but got " + raw.getClass().getSimpleName());
    }
}
