package io.ferrymq.broker.kafka;

import io.ferrymq.coordinator.metadata.MetadataStore;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.Uuid;

/**
 * {@link TopicIds} over the {@link MetadataStore}'s cache: a topic's id derives from its
 * {@code /topics/<topic>} znode's creation zxid ({@code TopicIdentity}), so every broker answers
 * with the same id and a recreated topic has a new one. No ZooKeeper read per call. Thread-safe
 * because the store is.
 */
public final class MetadataTopicIds implements TopicIds {

    private final MetadataStore store;

    public MetadataTopicIds(MetadataStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Uuid idOf(String topic) {
        return store.topicId(topic).map(MetadataTopicIds::toKafka).orElse(Uuid.ZERO_UUID);
    }

    @Override
    public Optional<String> nameOf(Uuid id) {
        if (id == null || Uuid.ZERO_UUID.equals(id)) {
            return Optional.empty();
        }
        return store.topicName(new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits()));
    }

    private static Uuid toKafka(UUID id) {
        return new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }
}
