package io.ferrymq.common.config;

import java.util.List;

/**
 * Factories for the {@link Validator}s of configuration keys.
 *
 * <p>Stateless and thread-safe.
 */
public final class Validators {

    private Validators() {
    }

    /** Accepts any value of the key's type. */
    public static Validator any() {
        return new Validator() {
            @Override
            public void ensureValid(String key, Object value) {
                // every value of the declared type is allowed
            }

            @Override
            public String describe() {
                return "";
            }
        };
    }

    /** Numbers at or above {@code min}. */
    public static Validator atLeast(long min) {
        return between(min, Long.MAX_VALUE);
    }

    /** Numbers from {@code min} to {@code max}, both included. */
    public static Validator between(long min, long max) {
        String description = max == Long.MAX_VALUE ? "[" + min + ",...]" : "[" + min + ",...," + max + "]";
        return new Validator() {
            @Override
            public void ensureValid(String key, Object value) {
                long number = ((Number) value).longValue();
                if (number < min || number > max) {
                    throw ConfigException.invalid(key, value, "allowed values are " + description);
                }
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /** Decimal numbers from {@code min} to {@code max}, both included. */
    public static Validator betweenDecimal(double min, double max) {
        String description = "[" + min + ",...," + max + "]";
        return new Validator() {
            @Override
            public void ensureValid(String key, Object value) {
                double number = ((Number) value).doubleValue();
                if (!(number >= min && number <= max)) {
                    throw ConfigException.invalid(key, value, "allowed values are " + description);
                }
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /** Strings equal (case included, as in Kafka) to one of {@code allowed}. */
    public static Validator oneOf(String... allowed) {
        List<String> values = List.of(allowed);
        String description = "one of " + values;
        return new Validator() {
            @Override
            public void ensureValid(String key, Object value) {
                if (!values.contains(String.valueOf(value))) {
                    throw ConfigException.invalid(key, value, "allowed values are " + description);
                }
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /** Non-empty lists whose every item is one of {@code allowed} (case included). */
    public static Validator nonEmptyListOf(String... allowed) {
        List<String> values = List.of(allowed);
        String description = "a non-empty list of " + values;
        return new Validator() {
            @Override
            public void ensureValid(String key, Object value) {
                List<?> items = (List<?>) value;
                if (items.isEmpty() || !values.containsAll(items)) {
                    throw ConfigException.invalid(key, value, "allowed values are " + description);
                }
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /** Strings or lists that are not empty. */
    public static Validator nonEmpty() {
        return new Validator() {
            @Override
            public void ensureValid(String key, Object value) {
                boolean empty = value instanceof List<?> list ? list.isEmpty() : String.valueOf(value).isBlank();
                if (empty) {
                    throw ConfigException.invalid(key, value, "a non-empty value is required");
                }
            }

            @Override
            public String describe() {
                return "non-empty";
            }
        };
    }
}
