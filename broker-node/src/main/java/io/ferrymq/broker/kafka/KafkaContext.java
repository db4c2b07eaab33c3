package io.ferrymq.broker.kafka;

import io.ferrymq.broker.replication.FetchSessionCache;
import io.ferrymq.broker.server.handler.ConfigDescriber;
import java.util.Objects;

/**
 * What the translators need from the broker beyond the request in hand. Immutable; its parts are
 * thread-safe.
 *
 * @param topicIds Kafka's topic ids for Ferry's topics
 * @param fetchSessions the broker's Kafka fetch sessions (KIP-227), one cache for all Kafka listeners
 * @param configs the effective configuration of a topic, for CreateTopics v5+ responses
 */
public record KafkaContext(TopicIds topicIds, FetchSessionCache<PartitionKey> fetchSessions, ConfigDescriber configs) {

    public KafkaContext {
        Objects.requireNonNull(topicIds, "topicIds");
        Objects.requireNonNull(fetchSessions, "fetchSessions");
        Objects.requireNonNull(configs, "configs");
    }
}
