package io.ferrymq.client.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds one JSON object on one line, keys in insertion order, for tools whose output is read by
 * scripts (the verifiable producer). Strings are escaped per RFC 8259; null stays null. Not thread-safe.
 */
public final class JsonLine {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    public JsonLine put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            appendString(json, key);
            json.append(':');
            if (value == null) {
                json.append("null");
            } else if (value instanceof Number || value instanceof Boolean) {
                json.append(value);
            } else {
                appendString(json, value.toString());
            }
        });
        return json.append('}').toString();
    }

    private static void appendString(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
