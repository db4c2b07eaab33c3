package io.ferrymq.client.cli.groups;

import io.ferrymq.client.common.TopicPartition;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The JSON lines {@code ferry verifiable-consumer} prints, in the shape of Kafka's
 * VerifiableConsumer so its test tooling can read them: {@code startup_complete},
 * {@code partitions_assigned}, {@code partitions_revoked}, {@code records_consumed} (count and, per
 * partition, count, minOffset, maxOffset), {@code offsets_committed} (offsets, success, error),
 * {@code shutdown_complete}. Every line carries {@code timestamp} (ms). Pure and thread-safe.
 */
public final class VerifiableEvents {

    private VerifiableEvents() {
    }

    public static String simple(String name, long timestampMs) {
        return "{\"timestamp\":" + timestampMs + ",\"name\":\"" + name + "\"}";
    }

    public static String partitions(String name, long timestampMs, Collection<TopicPartition> partitions) {
        StringJoiner list = new StringJoiner(",", "[", "]");
        new java.util.TreeSet<>(partitions).forEach(tp -> list.add(partition(tp)));
        return "{\"timestamp\":" + timestampMs + ",\"name\":\"" + name + "\",\"partitions\":" + list + "}";
    }

    /** One consumed range per partition: {@code [minOffset, maxOffset]} and how many records. */
    public record Range(long count, long minOffset, long maxOffset) {
    }

    public static String recordsConsumed(long timestampMs, Map<TopicPartition, Range> ranges) {
        long total = ranges.values().stream().mapToLong(Range::count).sum();
        StringJoiner list = new StringJoiner(",", "[", "]");
        new TreeMap<>(ranges).forEach((tp, r) -> list.add("{\"topic\":" + quote(tp.topic()) + ",\"partition\":"
                + tp.partition() + ",\"count\":" + r.count() + ",\"minOffset\":" + r.minOffset() + ",\"maxOffset\":"
                + r.maxOffset() + "}"));
        return "{\"timestamp\":" + timestampMs + ",\"name\":\"records_consumed\",\"count\":" + total
                + ",\"partitions\":" + list + "}";
    }

    public static String offsetsCommitted(long timestampMs, Map<TopicPartition, Long> offsets, Optional<String> error) {
        StringJoiner list = new StringJoiner(",", "[", "]");
        new TreeMap<>(offsets).forEach((tp, offset) -> list.add("{\"topic\":" + quote(tp.topic()) + ",\"partition\":"
                + tp.partition() + ",\"offset\":" + offset + "}"));
        return "{\"timestamp\":" + timestampMs + ",\"name\":\"offsets_committed\",\"offsets\":" + list
                + ",\"success\":" + error.isEmpty() + error.map(e -> ",\"error\":" + quote(e)).orElse("") + "}";
    }

    private static String partition(TopicPartition tp) {
        return "{\"topic\":" + quote(tp.topic()) + ",\"partition\":" + tp.partition() + "}";
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
