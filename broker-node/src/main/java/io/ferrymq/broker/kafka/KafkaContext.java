package io.ferrymq.broker.kafka;

import java.util.Objects;

/**
 * What the translators need from the broker beyond the request in hand. Immutable; its parts are
 * thread-safe.
 *
 * @param topicIds Kafka's topic ids for Ferry's topics
 */
public record KafkaContext(TopicIds topicIds) {

    public KafkaContext {
        Objects.requireNonNull(topicIds, "topicIds");
    }
}
