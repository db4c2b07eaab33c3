package io.ferrymq.broker.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.MessageUtil;

/**
 * Test support: a Kafka message written at one version and read back, so that a field set where
 * that version lacks it fails the test (Kafka refuses to write it); an in-memory {@link TopicIds}.
 */
public final class WireRoundTrip {

    private WireRoundTrip() {
    }

    /** {@code message} written at {@code version} and read back with {@code reader} (e.g. {@code FooData::new}). */
    public static <M extends ApiMessage> M roundTrip(M message, short version, BiFunction<ByteBufferAccessor, Short, M> reader) {
        ByteBuffer bytes = MessageUtil.toByteBuffer(message, version);
        return reader.apply(new ByteBufferAccessor(bytes), version);
    }

    /** Topic ids of a fixed name → id table. */
    public static TopicIds ids(Map<String, Uuid> table) {
        return new TopicIds() {
            @Override
            public Uuid idOf(String topic) {
                return table.getOrDefault(topic, Uuid.ZERO_UUID);
            }

            @Override
            public Optional<String> nameOf(Uuid id) {
                return table.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).findFirst();
            }
        };
    }

    public static Uuid uuid(String seed) {
        UUID id = UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
        return new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }
}
