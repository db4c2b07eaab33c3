package io.ferrymq.tools.reassign;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.json.Json;
import io.ferrymq.common.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kafka's reassignment JSON, read and written: {@code {"version":1,"partitions":[{"topic":"t",
 * "partition":0,"replicas":[1,2],"log_dirs":["any","any"]}]}} (what {@code --generate} prints and
 * {@code --execute}, {@code --verify}, {@code --cancel} read), and the topics-to-move file
 * {@code {"version":1,"topics":[{"topic":"t"}]}}. A plan must name each partition once, with a
 * non-empty list of distinct non-negative broker ids; {@code log_dirs}, when given, must have one
 * entry per replica and every entry {@code any} (Ferry places a replica in one of its broker's log
 * dirs itself). Immutable; the parsers are stateless.
 *
 * @param partitions each partition's target replicas (first the preferred leader), in file order
 */
public record ReassignmentPlan(Map<TopicPartition, List<Integer>> partitions) {

    public ReassignmentPlan {
        Map<TopicPartition, List<Integer>> copy = new LinkedHashMap<>();
        partitions.forEach((tp, replicas) -> copy.put(tp, List.copyOf(replicas)));
        partitions = Collections.unmodifiableMap(copy);
    }

    /**
     * Parses a reassignment file.
     *
     * @throws IllegalArgumentException naming what is wrong (and {@code source})
     */
    public static ReassignmentPlan parse(String source, byte[] json) {
        JsonObject root = Json.parseObject(source, json);
        Map<TopicPartition, List<Integer>> out = new LinkedHashMap<>();
        for (JsonObject entry : root.requireObjectList("partitions")) {
            TopicPartition tp = new TopicPartition(entry.requireString("topic"), entry.requireInt("partition"));
            List<Integer> replicas = entry.requireIntList("replicas");
            check(source, tp, replicas);
            if (entry.fieldNames().contains("log_dirs")) {
                List<String> dirs = entry.requireStringList("log_dirs");
                if (dirs.size() != replicas.size() || dirs.stream().anyMatch(d -> !d.equals("any"))) {
                    throw new IllegalArgumentException(source + ": " + tp + ": log_dirs must be \"any\" for each of the "
                            + replicas.size() + " replicas (Ferry chooses the log dir), was " + dirs);
                }
            }
            if (out.put(tp, replicas) != null) {
                throw new IllegalArgumentException(source + ": partition " + tp + " appears more than once");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(source + ": the plan lists no partitions");
        }
        return new ReassignmentPlan(out);
    }

    /** The topics of a topics-to-move file, in file order. */
    public static List<String> parseTopics(String source, byte[] json) {
        List<String> topics = Json.parseObject(source, json).requireObjectList("topics").stream()
                .map(t -> t.requireString("topic")).distinct().toList();
        if (topics.isEmpty()) {
            throw new IllegalArgumentException(source + ": lists no topics");
        }
        return topics;
    }

    /** The plan as Kafka writes it, one line, partitions in the order given. */
    public String toJson() {
        List<Map<String, Object>> entries = new ArrayList<>();
        partitions.forEach((tp, replicas) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("topic", tp.topic());
            entry.put("partition", tp.partition());
            entry.put("replicas", replicas);
            entry.put("log_dirs", Collections.nCopies(replicas.size(), "any"));
            entries.add(entry);
        });
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", 1);
        root.put("partitions", entries);
        return Json.line(root);
    }

    /** The topics the plan names, in order. */
    public Set<String> topics() {
        Set<String> out = new java.util.LinkedHashSet<>();
        partitions.keySet().forEach(tp -> out.add(tp.topic()));
        return out;
    }

    private static void check(String source, TopicPartition tp, List<Integer> replicas) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + tp + " has an empty replica list");
        }
        Set<Integer> seen = new HashSet<>();
        for (int broker : replicas) {
            if (broker < 0 || !seen.add(broker)) {
                throw new IllegalArgumentException(source + ": " + tp + ": replicas " + replicas
                        + " must be distinct non-negative broker ids");
            }
        }
    }
}
