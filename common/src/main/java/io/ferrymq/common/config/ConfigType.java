package io.ferrymq.common.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The type of a configuration value and how its text form is parsed. Lists are comma-separated,
 * with blanks around items ignored and empty items dropped. Booleans accept only {@code true} and
 * {@code false} (any case), so a typo is an error rather than a silent {@code false}. Values given
 * already typed (as clients may, e.g. {@code linger.ms -> 5}) pass through when they are of the
 * type; an {@code Integer} widens to a {@code long}, and list items become strings. A
 * {@link #PASSWORD}'s value never appears in a formatted configuration (the start-up log).
 *
 * <p>Immutable and thread-safe.
 */
public enum ConfigType {
    BOOLEAN("boolean"),
    INT("int"),
    LONG("long"),
    DOUBLE("double"),
    STRING("string"),
    /** A secret (a key store password): parsed as a string, shown as {@code [hidden]} by {@link #format}. */
    PASSWORD("password"),
    LIST("list");

    private final String displayName;

    ConfigType(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    private Object parseText(String key, String text) {
        try {
            return switch (this) {
                case BOOLEAN -> parseBoolean(key, text);
                case INT -> Integer.valueOf(text);
                case LONG -> Long.valueOf(text);
                case DOUBLE -> Double.valueOf(text);
                case STRING, PASSWORD -> text;
                case LIST -> parseList(text);
            };
        } catch (NumberFormatException e) {
            throw ConfigException.invalid(key, text, "expected a value of type " + displayName + rangeHint());
        }
    }

    /**
     * Parses {@code raw} for {@code key}: text (trimmed) by its text form, a typed value by
     * {@link #accepts} (with the widening described in the class comment).
     */
    public Object parse(String key, Object raw) {
        if (raw instanceof String text) {
            return parseText(key, text.trim());
        }
        if (this == LONG && raw instanceof Integer number) {
            return number.longValue();
        }
        if (this == LIST && raw instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (!accepts(raw)) {
            throw ConfigException.invalid(key, raw, "expected a value of type " + displayName
                    + " but got a " + raw.getClass().getSimpleName());
        }
        return raw;
    }

    /** Whether {@code value} is a parsed value of this type (used to check declared defaults). */
    public boolean accepts(Object value) {
        return switch (this) {
            case BOOLEAN -> value instanceof Boolean;
            case INT -> value instanceof Integer;
            case LONG -> value instanceof Long;
            case DOUBLE -> value instanceof Double;
            case STRING, PASSWORD -> value instanceof String;
            case LIST -> value instanceof List<?>;
        };
    }

    /** The text form of a parsed value, as it would be written in a properties file. */
    public String format(Object value) {
        if (this == PASSWORD) {
            return "[hidden]";
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    private String rangeHint() {
        return switch (this) {
            case INT -> " (" + Integer.MIN_VALUE + ".." + Integer.MAX_VALUE + ")";
            case LONG -> " (" + Long.MIN_VALUE + ".." + Long.MAX_VALUE + ")";
            default -> "";
        };
    }

    private static Boolean parseBoolean(String key, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return Boolean.valueOf(lower);
        }
        throw ConfigException.invalid(key, text, "expected true or false");
    }

    private static List<String> parseList(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
