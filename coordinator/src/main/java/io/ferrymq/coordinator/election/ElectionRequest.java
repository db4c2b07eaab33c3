package io.ferrymq.coordinator.election;

import io.ferrymq.common.ElectionType;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.json.Json;
import io.ferrymq.common.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of an on-demand election request node {@code /admin/elections/election-<seq>}
 * ({@link io.ferrymq.coordinator.zk.ZkPaths}): {@code {"version":1,"type":"preferred"|"unclean",
 * "partitions":[{"topic":"t","partition":0},...]}}. Immutable and thread-safe.
 */
public record ElectionRequest(ElectionType type, List<TopicPartition> partitions) {

    public ElectionRequest {
        partitions = List.copyOf(partitions);
    }

    public byte[] toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", 1);
        json.put("type", type.lowerName());
        json.put("partitions", partitions.stream().map(tp -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("topic", tp.topic());
            p.put("partition", tp.partition());
            return p;
        }).toList());
        return Json.bytes(json);
    }

    /** Parses a node's data; {@code source} names it in error messages. */
    public static ElectionRequest fromJson(String source, byte[] data) {
        JsonObject json = Json.parseObject(source, data);
        String name = json.requireString("type");
        ElectionType type = ElectionType.forName(name).orElseThrow(() ->
                new IllegalArgumentException(source + ": unknown election type '" + name + "'"));
        return new ElectionRequest(type, json.requireObjectList("partitions").stream()
                .map(p -> new TopicPartition(p.requireString("topic"), p.requireInt("partition"))).toList());
    }
}
