package io.ferrymq.broker.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A message-browser request, parsed from {@code /api/messages?topic=T&partition=P&offset=O} or
 * {@code ...&timestamp=MS} (the first offset whose timestamp is at or after MS), with
 * {@code limit} records at most (default 20, at most {@link #MAX_LIMIT}). Neither offset nor
 * timestamp means from the log start offset. Immutable.
 */
public record MessageQuery(String topic, int partition, OptionalLong offset, OptionalLong timestamp, int limit) {

    public static final int MAX_LIMIT = 500;
    static final int DEFAULT_LIMIT = 20;

    public MessageQuery {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic is required");
        }
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, was " + partition);
        }
        if (offset.isPresent() && timestamp.isPresent()) {
            throw new IllegalArgumentException("give offset or timestamp, not both");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be in 1.." + MAX_LIMIT + ", was " + limit);
        }
    }

    /** Parses a raw query string; a missing or malformed parameter throws {@link IllegalArgumentException} naming it. */
    public static MessageQuery parse(String rawQuery) {
        Map<String, String> params = params(rawQuery);
        return new MessageQuery(params.get("topic"), (int) number(params, "partition").orElse(0),
                number(params, "offset"), number(params, "timestamp"),
                (int) number(params, "limit").orElse(DEFAULT_LIMIT));
    }

    static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!value.isEmpty()) {
                params.put(key, value);
            }
        }
        return params;
    }

    private static OptionalLong number(Map<String, String> params, String name) {
        String text = params.get(name);
        if (text == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, was '" + text + "'");
        }
    }
}
