package io.ferrymq.tools;

import java.util.Map;
import java.util.Set;

/**
 * The {@code --property key=value} settings of the console tools (Kafka's names: {@code parse.key},
 * {@code key.separator}, {@code print.key}, ...), checked against the keys a tool knows so that a
 * typo is an error naming the key rather than silently ignored. Immutable.
 */
public record ToolProperties(Map<String, String> values) {

    public ToolProperties(Map<String, String> values, Set<String> known) {
        this(Map.copyOf(values));
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("Unknown --property '" + key + "' (known: " + String.join(", ",
                        known.stream().sorted().toList()) + ")");
            }
        }
    }

    public boolean flag(String key) {
        String value = values.getOrDefault(key, "false").trim();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("--property " + key + " must be true or false, was '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    public String string(String key, String defaultValue) {
        return unescape(values.getOrDefault(key, defaultValue));
    }

    /** Lets separators be written as {@code \t} or {@code \n} on a command line. */
    private static String unescape(String value) {
        return value.replace("\\t", "\t").replace("\\n", "\n");
    }
}
