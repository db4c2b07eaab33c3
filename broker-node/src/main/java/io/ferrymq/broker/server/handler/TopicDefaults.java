package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.config.BrokerConfig;
import io.ferrymq.broker.config.ServerConfigKeys;

/**
 * The broker settings the topic-administration handlers apply: partitions and replication factor
 * for topics that do not say ({@code num.partitions}, {@code default.replication.factor}), whether
 * Metadata creates missing topics ({@code auto.create.topics.enable}) and whether DeleteTopics is
 * allowed ({@code delete.topic.enable}).
 *
 * <p>Immutable and thread-safe.
 */
public record TopicDefaults(int numPartitions, int replicationFactor, boolean autoCreateTopics,
                            boolean deleteTopicEnabled) {

    public static TopicDefaults from(BrokerConfig config) {
        return new TopicDefaults(config.getInt(ServerConfigKeys.NUM_PARTITIONS),
                config.getInt(ServerConfigKeys.DEFAULT_REPLICATION_FACTOR),
                config.getBoolean(ServerConfigKeys.AUTO_CREATE_TOPICS_ENABLE),
                config.getBoolean(ServerConfigKeys.DELETE_TOPIC_ENABLE));
    }
}
