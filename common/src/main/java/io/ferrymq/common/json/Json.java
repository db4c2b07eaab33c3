package io.ferrymq.common.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Ferry's one JSON entry point, over one shared Jackson {@link JsonMapper}: znodes are written from
 * maps (or trees) and read back as a checked {@link JsonObject}; tools print {@link #line} output
 * built from {@link #object()} trees. Output is compact (no whitespace, so one line: newlines in
 * strings are escaped), keys in insertion order, {@code null} values kept. Input must be exactly one
 * JSON value ({@code "{} x"} is refused). Every failure is an {@link IllegalArgumentException}.
 * Thread-safe: the mapper is configured once here and never changed (Jackson's contract for
 * sharing it); the nodes it hands out are not, each belongs to its caller.
 */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /** A new empty object, to fill and pass to {@link #line} or {@link #bytes}. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A new empty array. */
    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** {@code value} (a map, collection, tree, string, number, boolean or null) as one line of JSON. */
    public static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JacksonException e) {
            throw cannotWrite(value, e);
        }
    }

    /** {@link #line} in UTF-8: what a znode holds. A lone surrogate is escaped, so it reads back as it was. */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw cannotWrite(value, e);
        }
    }

    /**
     * Parses bytes that must hold one JSON object, such as a znode's; {@code source} (the znode's
     * path) is named by every error, here and in the returned object's accessors.
     */
    public static JsonObject parseObject(String source, byte[] data) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(data);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + ": invalid JSON: " + e.getOriginalMessage()
                    + " at " + describe(e), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": unreadable JSON: " + e.getMessage(), e);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new IllegalArgumentException(source + ": expected a JSON object");
        }
        return new JsonObject(source, object);
    }

    private static IllegalArgumentException cannotWrite(Object value, JacksonException e) {
        return new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: "
                + e.getOriginalMessage(), e);
    }

    private static String describe(JacksonException e) {
        return e.getLocation() == null ? "an unknown position" : "offset " + e.getLocation().getByteOffset();
    }
}
