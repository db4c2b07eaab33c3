package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Create topics. {@code numPartitions} and {@code replicationFactor} of -1 mean the broker defaults
 * ({@code num.partitions}, {@code default.replication.factor}). A non-empty {@code assignment}
 * (partition → broker ids, preferred leader first) asks for exactly those replicas; both counts
 * must then be -1, as in Kafka. An empty assignment lets the broker assign. {@code validateOnly}
 * checks without creating. Immutable.
 */
public record CreateTopicsRequest(List<TopicSpec> topics, int timeoutMs, boolean validateOnly) implements ApiRequest {

    public CreateTopicsRequest {
        topics = List.copyOf(topics);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.CREATE_TOPICS;
    }

    public record TopicSpec(String name, int numPartitions, short replicationFactor, Map<String, String> configs,
                            Map<Integer, List<Integer>> assignment) {
        public TopicSpec {
            Objects.requireNonNull(name, "name");
            configs = Map.copyOf(configs);
            TreeMap<Integer, List<Integer>> copy = new TreeMap<>();
            assignment.forEach((partition, replicas) -> copy.put(partition, List.copyOf(replicas)));
            assignment = Collections.unmodifiableMap(copy);
        }

        /** Counts (or -1 for the broker defaults) and no explicit assignment. */
        public TopicSpec(String name, int numPartitions, short replicationFactor, Map<String, String> configs) {
            this(name, numPartitions, replicationFactor, configs, Map.of());
        }

        /** An explicit assignment; the counts are -1. */
        public static TopicSpec withAssignment(String name, Map<Integer, List<Integer>> assignment,
                                               Map<String, String> configs) {
            return new TopicSpec(name, -1, (short) -1, configs, assignment);
        }
    }
}
