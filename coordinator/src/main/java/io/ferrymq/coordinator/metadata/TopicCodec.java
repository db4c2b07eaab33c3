package io.ferrymq.coordinator.metadata;

import io.ferrymq.common.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON form of {@code /topics/<topic>} (documented in {@link io.ferrymq.coordinator.zk.ZkPaths}):
 * {@code {"version":1,"partitions":{"0":[1,2,3]},"configs":{"k":"v"}}}. A topic whose partitions
 * object is empty is still being created. Stateless and thread-safe.
 */
final class TopicCodec {

    private TopicCodec() {
    }

    static Map<String, Object> toJson(Map<Integer, List<Integer>> assignment, Map<String, String> configs) {
        Map<String, Object> partitions = new LinkedHashMap<>();
        new TreeMap<>(assignment).forEach((p, replicas) -> partitions.put(String.valueOf(p), replicas));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", 1);
        json.put("partitions", partitions);
        json.put("configs", new TreeMap<>(configs));
        return json;
    }

    static TopicMetadata fromJson(String topic, JsonObject json) {
        JsonObject partitions = json.object("partitions");
        Map<Integer, List<Integer>> assignment = new TreeMap<>();
        for (String key : partitions.fieldNames()) {
            try {
                assignment.put(Integer.parseInt(key), partitions.requireIntList(key));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(json.source() + ": partition '" + key + "' is not a number", e);
            }
        }
        return new TopicMetadata(topic, assignment, json.object("configs").stringMap());
    }
}
