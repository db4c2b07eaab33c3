package io.ferrymq.broker.kafka;

import java.util.Optional;
import org.apache.kafka.common.Uuid;

/**
 * Kafka's topic ids for Ferry's topics (Metadata 10+, Fetch 13+, CreateTopics 7, DeleteTopics 6+).
 * A topic's id names one incarnation of it: a topic deleted and created again under the same name
 * gets a new id, so a client holding the old one is told {@code UNKNOWN_TOPIC_ID}. Thread-safe.
 */
public interface TopicIds {

    /** The id of the topic as it exists now; {@link Uuid#ZERO_UUID} for a topic this broker does not know. */
    Uuid idOf(String topic);

    /** The topic that has this id now; empty when none has (deleted, recreated or never known). */
    Optional<String> nameOf(Uuid id);
}
