package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiResponse;
import java.util.List;
import java.util.Objects;

/**
 * Per requested resource, in request order: its configuration entries, or an error and its reason.
 * Codes are Kafka's: the resource type of the request, an entry's {@code source} (one of the
 * {@code SOURCE_*} constants of {@link ConfigEntry}) and {@code type} ({@code TYPE_*}). A sensitive
 * entry (a password, a JAAS configuration) has a null value everywhere, synonyms included. Immutable.
 */
public record DescribeConfigsResponse(List<ResourceResult> results) implements ApiResponse {

    public DescribeConfigsResponse {
        results = List.copyOf(results);
    }

    /** One resource's entries ({@code error} NONE), or its error with empty entries. */
    public record ResourceResult(byte type, String name, ErrorCode error, String errorMessage, List<ConfigEntry> configs) {
        public ResourceResult {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(error, "error");
            errorMessage = errorMessage == null ? "" : errorMessage;
            configs = List.copyOf(configs);
        }
    }

    /**
     * One key: its effective value (null when sensitive or unset), where that value came from, whether it
     * can be changed at runtime, whether it is sensitive, its synonyms (empty unless asked for), its
     * documentation (null unless asked for) and its type.
     */
    public record ConfigEntry(String name, String value, byte source, boolean readOnly, boolean sensitive,
                              List<Synonym> synonyms, String documentation, byte type) {
        public static final byte SOURCE_UNKNOWN = 0;
        public static final byte SOURCE_TOPIC = 1;
        public static final byte SOURCE_DYNAMIC_BROKER = 2;
        public static final byte SOURCE_DYNAMIC_DEFAULT_BROKER = 3;
        public static final byte SOURCE_STATIC_BROKER = 4;
        public static final byte SOURCE_DEFAULT = 5;

        public static final byte TYPE_UNKNOWN = 0;
        public static final byte TYPE_BOOLEAN = 1;
        public static final byte TYPE_STRING = 2;
        public static final byte TYPE_INT = 3;
        public static final byte TYPE_LONG = 5;
        public static final byte TYPE_DOUBLE = 6;
        public static final byte TYPE_LIST = 7;
        public static final byte TYPE_PASSWORD = 9;

        public ConfigEntry {
            Objects.requireNonNull(name, "name");
            synonyms = List.copyOf(synonyms);
        }
    }

    /** A place a value may come from: the key's name there, the value there (null when sensitive), the source code. */
    public record Synonym(String name, String value, byte source) {
        public Synonym {
            Objects.requireNonNull(name, "name");
        }
    }
}
