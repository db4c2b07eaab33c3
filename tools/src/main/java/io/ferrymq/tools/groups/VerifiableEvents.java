package io.ferrymq.tools.groups;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.json.Json;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JSON lines {@code ferry verifiable-consumer} prints, in the shape of Kafka's
 * VerifiableConsumer so its test tooling can read them: {@code startup_complete},
 * {@code partitions_assigned}, {@code partitions_revoked}, {@code records_consumed} (count and, per
 * partition, count, minOffset, maxOffset), {@code offsets_committed} (offsets, success, error),
 * {@code shutdown_complete}. Every line carries {@code timestamp} (ms); partitions are listed in
 * order. Pure and thread-safe.
 */
public final class VerifiableEvents {

    private VerifiableEvents() {
    }

    public static String simple(String name, long timestampMs) {
        return Json.line(event(name, timestampMs));
    }

    public static String partitions(String name, long timestampMs, Collection<TopicPartition> partitions) {
        ArrayNode list = Json.array();
        new TreeSet<>(partitions).forEach(tp -> list.add(partition(tp)));
        return Json.line(event(name, timestampMs).set("partitions", list));
    }

    /** One consumed range per partition: {@code [minOffset, maxOffset]} and how many records. */
    public record Range(long count, long minOffset, long maxOffset) {
    }

    public static String recordsConsumed(long timestampMs, Map<TopicPartition, Range> ranges) {
        ArrayNode list = Json.array();
        new TreeMap<>(ranges).forEach((tp, r) -> list.add(partition(tp).put("count", r.count())
                .put("minOffset", r.minOffset()).put("maxOffset", r.maxOffset())));
        long total = ranges.values().stream().mapToLong(Range::count).sum();
        return Json.line(event("records_consumed", timestampMs).put("count", total).set("partitions", list));
    }

    public static String offsetsCommitted(long timestampMs, Map<TopicPartition, Long> offsets, Optional<String> error) {
        ArrayNode list = Json.array();
        new TreeMap<>(offsets).forEach((tp, offset) -> list.add(partition(tp).put("offset", offset)));
        ObjectNode line = event("offsets_committed", timestampMs).set("offsets", list);
        line.put("success", error.isEmpty());
        error.ifPresent(e -> line.put("error", e));
        return Json.line(line);
    }

    private static ObjectNode event(String name, long timestampMs) {
        return Json.object().put("timestamp", timestampMs).put("name", name);
    }

    private static ObjectNode partition(TopicPartition tp) {
        return Json.object().put("topic", tp.topic()).put("partition", tp.partition());
    }
}
