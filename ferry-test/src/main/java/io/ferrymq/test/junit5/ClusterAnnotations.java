package io.ferrymq.test.junit5;

import io.ferrymq.test.FerryTestCluster;
import io.ferrymq.test.FerryTestClusterBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a {@link FerryCluster} annotation into a cluster builder. Stateless and thread-safe. */
final class ClusterAnnotations {

    private ClusterAnnotations() {
    }

    static FerryTestClusterBuilder builder(FerryCluster annotation) {
        FerryTestClusterBuilder builder = FerryTestCluster.builder().brokers(annotation.brokers())
                .zooKeeperServers(annotation.zooKeeperServers()).kafkaListener(annotation.kafkaListener());
        for (String topic : annotation.topics()) {
            if (annotation.replicationFactor() == 0) {
                builder.topic(topic, annotation.partitions());
            } else {
                builder.topic(topic, annotation.partitions(), annotation.replicationFactor());
            }
        }
        brokerSettings(annotation.brokerConfig()).forEach(builder::brokerConfig);
        return builder;
    }

    /** {@code key=value} entries as a map in their order; the value may contain {@code =}, the key may not be empty. */
    static Map<String, String> brokerSettings(String[] entries) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("@FerryCluster brokerConfig entry '" + entry + "' is not key=value");
            }
            settings.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return settings;
    }
}
