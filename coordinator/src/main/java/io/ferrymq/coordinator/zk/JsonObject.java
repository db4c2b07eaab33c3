package io.ferrymq.coordinator.zk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, checked access to one parsed JSON object from a znode; a missing or mistyped field throws
 * {@link IllegalArgumentException} naming the field and the znode. Immutable and thread-safe.
 */
public record JsonObject(String source, Map<String, Object> fields) {

    /** Parses a znode's bytes, which must hold one JSON object. */
    public static JsonObject parse(String source, byte[] data) {
        Object parsed;
        try {
            parsed = Json.parse(data);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(source + ": expected a JSON object");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put((String) k, v));
        return new JsonObject(source, copy);
    }

    public int requireInt(String name) {
        Object value = fields.get(name);
        if (!(value instanceof Long number) || number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw invalid(name, "an integer");
        }
        return number.intValue();
    }

    public long requireLong(String name) {
        if (!(fields.get(name) instanceof Long number)) {
            throw invalid(name, "an integer");
        }
        return number;
    }

    public boolean optionalBoolean(String name, boolean defaultValue) {
        Object value = fields.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Boolean flag)) {
            throw invalid(name, "a boolean");
        }
        return flag;
    }

    public String requireString(String name) {
        return optionalString(name).orElseThrow(() -> invalid(name, "a string"));
    }

    public Optional<String> optionalString(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw invalid(name, "a string");
        }
        return Optional.of(s);
    }

    public List<Integer> requireIntList(String name) {
        return intList(name, fields.get(name));
    }

    /** A nested object; empty when the field is absent. */
    public JsonObject object(String name) {
        Object value = fields.getOrDefault(name, Map.of());
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(name, "an object");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put((String) k, v));
        return new JsonObject(source + "." + name, copy);
    }

    /** Every field of this object as a string (used for config maps). */
    public Map<String, String> stringMap() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : fields.keySet()) {
            out.put(key, requireString(key));
        }
        return out;
    }

    private List<Integer> intList(String name, Object value) {
        if (!(value instanceof List<?> list)) {
            throw invalid(name, "an array of integers");
        }
        List<Integer> out = new ArrayList<>(list.size());
        for (Object element : list) {
            if (!(element instanceof Long number)) {
                throw invalid(name, "an array of integers");
            }
            out.add(number.intValue());
        }
        return List.copyOf(out);
    }

    /** An array-of-integers field read from an arbitrary key (e.g. a partition number). */
    public List<Integer> intListAt(String name) {
        return intList(name, fields.get(name));
    }

    private IllegalArgumentException invalid(String name, String expected) {
        return new IllegalArgumentException(source + ": field '" + name + "' must be " + expected
                + ", was " + fields.get(name));
    }
}
