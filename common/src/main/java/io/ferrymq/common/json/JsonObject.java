package io.ferrymq.common.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Typed, checked access to one parsed JSON object (made by {@link Json#parseObject}): a missing or
 * mistyped field throws {@link IllegalArgumentException} naming the field and the source (a
 * znode's path), so a znode written by hand or by another version fails with a message that says
 * where. A JSON {@code null} counts as absent. Integers must be integral JSON numbers within the
 * Java type's range. Immutable after construction (the tree is never handed out), so thread-safe.
 */
public final class JsonObject {

    private final String source;
    private final ObjectNode node;

    JsonObject(String source, ObjectNode node) {
        this.source = source;
        this.node = node;
    }

    /** What this object was read from, as named in errors. */
    public String source() {
        return source;
    }

    /** The field names, in document order. */
    public Set<String> fieldNames() {
        Set<String> names = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public int requireInt(String name) {
        return require(name, v -> v.isIntegralNumber() && v.canConvertToInt(), "an integer").intValue();
    }

    public long requireLong(String name) {
        return require(name, v -> v.isIntegralNumber() && v.canConvertToLong(), "an integer").longValue();
    }

    public boolean optionalBoolean(String name, boolean defaultValue) {
        return optional(name, JsonNode::isBoolean, "a boolean").map(JsonNode::booleanValue).orElse(defaultValue);
    }

    /** A number field as a double; empty when absent or null. */
    public Optional<Double> optionalDouble(String name) {
        return optional(name, JsonNode::isNumber, "a number").map(JsonNode::doubleValue);
    }

    public String requireString(String name) {
        return require(name, JsonNode::isTextual, "a string").textValue();
    }

    public Optional<String> optionalString(String name) {
        return optional(name, JsonNode::isTextual, "a string").map(JsonNode::textValue);
    }

    public List<Integer> requireIntList(String name) {
        return list(name, v -> v.isIntegralNumber() && v.canConvertToInt(), JsonNode::intValue, "an array of integers");
    }

    public List<String> requireStringList(String name) {
        return list(name, JsonNode::isTextual, JsonNode::textValue, "an array of strings");
    }

    /** An array of objects, each named in errors by its index ({@code source.name[2]}). */
    public List<JsonObject> requireObjectList(String name) {
        List<JsonNode> elements = list(name, JsonNode::isObject, v -> v, "an array of objects");
        List<JsonObject> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            out.add(new JsonObject(source + "." + name + "[" + i + "]", (ObjectNode) elements.get(i)));
        }
        return List.copyOf(out);
    }

    /** A nested object; empty when the field is absent. */
    public JsonObject object(String name) {
        return optional(name, JsonNode::isObject, "an object")
                .map(v -> new JsonObject(source + "." + name, (ObjectNode) v))
                .orElseGet(() -> new JsonObject(source + "." + name, node.objectNode()));
    }

    /** Every field of this object as a string (used for config maps). */
    public Map<String, String> stringMap() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : fieldNames()) {
            out.put(key, requireString(key));
        }
        return out;
    }

    private <T> List<T> list(String name, Predicate<JsonNode> isElement, Function<JsonNode, T> read, String expected) {
        JsonNode array = require(name, JsonNode::isArray, expected);
        List<T> out = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            if (!isElement.test(element)) {
                throw invalid(name, expected);
            }
            out.add(read.apply(element));
        }
        return List.copyOf(out);
    }

    private JsonNode require(String name, Predicate<JsonNode> isValid, String expected) {
        return optional(name, isValid, expected).orElseThrow(() -> invalid(name, expected));
    }

    private Optional<JsonNode> optional(String name, Predicate<JsonNode> isValid, String expected) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!isValid.test(value)) {
            throw invalid(name, expected);
        }
        return Optional.of(value);
    }

    private IllegalArgumentException invalid(String name, String expected) {
        return new IllegalArgumentException(source + ": field '" + name + "' must be " + expected + ", was " + node.get(name));
    }
}
