package io.ferrymq.coordinator.metadata;

import io.ferrymq.common.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON form of {@code /topics/<topic>} (documented in {@link io.ferrymq.coordinator.zk.ZkPaths}):
 * {@code {"version":1,"partitions":{"0":[1,2,3]},"configs":{"k":"v"}}}, plus Kafka's
 * {@code "adding_replicas":{"0":[4]},"removing_replicas":{"0":[1]}} while partitions are being
 * reassigned (only partitions with a reassignment are listed; both fields are left out when none
 * is). A topic whose partitions object is empty is still being created. Stateless and thread-safe.
 */
final class TopicCodec {

    private TopicCodec() {
    }

    static Map<String, Object> toJson(Map<Integer, List<Integer>> assignment, Map<String, String> configs) {
        return toJson(assignment, configs, Map.of());
    }

    static Map<String, Object> toJson(TopicMetadata topic) {
        return toJson(topic.assignment(), topic.configs(), topic.reassignments());
    }

    static Map<String, Object> toJson(Map<Integer, List<Integer>> assignment, Map<String, String> configs,
                                      Map<Integer, PartitionReassignment> reassignments) {
        Map<String, Object> partitions = new LinkedHashMap<>();
        new TreeMap<>(assignment).forEach((p, replicas) -> partitions.put(String.valueOf(p), replicas));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", 1);
        json.put("partitions", partitions);
        json.put("configs", new TreeMap<>(configs));
        if (!reassignments.isEmpty()) {
            Map<String, Object> adding = new LinkedHashMap<>();
            Map<String, Object> removing = new LinkedHashMap<>();
            new TreeMap<>(reassignments).forEach((p, r) -> {
                adding.put(String.valueOf(p), r.adding());
                removing.put(String.valueOf(p), r.removing());
            });
            json.put("adding_replicas", adding);
            json.put("removing_replicas", removing);
        }
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
        Map<Integer, List<Integer>> adding = partitionLists(json, "adding_replicas");
        Map<Integer, List<Integer>> removing = partitionLists(json, "removing_replicas");
        Map<Integer, PartitionReassignment> reassignments = new TreeMap<>();
        for (int p : assignment.keySet()) {
            List<Integer> in = adding.getOrDefault(p, List.of());
            List<Integer> out = removing.getOrDefault(p, List.of());
            if (!in.isEmpty() || !out.isEmpty()) {
                reassignments.put(p, new PartitionReassignment(in, out));
            }
        }
        return new TopicMetadata(topic, assignment, json.object("configs").stringMap(), reassignments);
    }

    private static Map<Integer, List<Integer>> partitionLists(JsonObject json, String field) {
        JsonObject lists = json.object(field);
        Map<Integer, List<Integer>> out = new TreeMap<>();
        for (String key : lists.fieldNames()) {
            try {
                out.put(Integer.parseInt(key), lists.requireIntList(key));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(json.source() + ": " + field + " partition '" + key
                        + "' is not a number", e);
            }
        }
        return out;
    }
}
