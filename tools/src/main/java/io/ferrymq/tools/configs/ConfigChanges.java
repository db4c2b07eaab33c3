package io.ferrymq.tools.configs;

import io.ferrymq.client.admin.AlterConfigOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code --add-config} and {@code --delete-config} as {@code kafka-configs.sh} does: additions
 * are {@code k1=v1,k2=v2}, where a list value is written in square brackets ({@code k=[a,b]}, its
 * commas kept); deletions are {@code k1,k2}. Every problem is an {@link IllegalArgumentException}
 * naming the offending part. Pure and stateless; thread-safe.
 */
public final class ConfigChanges {

    private ConfigChanges() {
    }

    /** The operations: a SET per added key, then a DELETE per deleted key; a key both added and deleted is refused. */
    public static List<AlterConfigOp> parse(List<String> additions, List<String> deletions) {
        Map<String, String> added = new LinkedHashMap<>();
        additions.forEach(text -> added.putAll(parseAdditions(text)));
        List<AlterConfigOp> ops = new ArrayList<>();
        added.forEach((key, value) -> ops.add(AlterConfigOp.set(key, value)));
        for (String text : deletions) {
            for (String key : text.split(",")) {
                String trimmed = key.trim();
                if (trimmed.isEmpty()) {
                    throw new IllegalArgumentException("--delete-config '" + text + "' has an empty key");
                }
                if (added.containsKey(trimmed)) {
                    throw new IllegalArgumentException("'" + trimmed + "' is both added and deleted");
                }
                ops.add(AlterConfigOp.delete(trimmed));
            }
        }
        return ops;
    }

    /** {@code k1=v1,k2=[a,b]} as an ordered map. */
    static Map<String, String> parseAdditions(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                throw new IllegalArgumentException("--add-config '" + text + "': '" + text.substring(i)
                        + "' is not key=value");
            }
            String key = text.substring(i, eq).trim();
            if (key.isEmpty() || key.contains(",")) {
                throw new IllegalArgumentException("--add-config '" + text + "': '" + text.substring(i, eq)
                        + "' is not a key (expected key=value)");
            }
            int end;
            String value;
            if (eq + 1 < text.length() && text.charAt(eq + 1) == '[') {
                int close = text.indexOf(']', eq + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("--add-config '" + text + "': the list value of '" + key
                            + "' has no closing ]");
                }
                value = text.substring(eq + 2, close);
                end = close + 1;
            } else {
                int comma = text.indexOf(',', eq + 1);
                end = comma < 0 ? text.length() : comma;
                value = text.substring(eq + 1, end);
            }
            out.put(key, value.trim());
            if (end < text.length() && text.charAt(end) != ',') {
                throw new IllegalArgumentException("--add-config '" + text + "': expected ',' after the value of '"
                        + key + "'");
            }
            i = end + 1;
        }
        return out;
    }
}
