package io.ferrymq.test;

import io.ferrymq.client.common.serialization.Deserializer;
import io.ferrymq.client.common.serialization.StringDeserializer;
import io.ferrymq.client.consumer.Consumer;
import io.ferrymq.client.consumer.ConsumerConfig;
import io.ferrymq.client.consumer.FerryConsumer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Makes Ferry consumers aimed at one {@link FerryTestCluster}: {@code bootstrap.servers} is set,
 * {@code auto.offset.reset=earliest} unless overridden (a test reads what it produced before it
 * subscribed), the rest as the caller says. Each call returns a new consumer that the caller
 * closes. Thread-safe.
 */
public final class ConsumerFactory {

    private final Supplier<String> bootstrapServers;

    ConsumerFactory(Supplier<String> bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** A consumer of string keys and values outside any group (use {@code assign}). */
    public Consumer<String, String> create() {
        return create(Map.of());
    }

    /** A consumer of string keys and values in group {@code groupId} (use {@code subscribe}). */
    public Consumer<String, String> create(String groupId) {
        return create(Map.of(ConsumerConfig.GROUP_ID, groupId));
    }

    /** A consumer of string keys and values, {@code overrides} on top of the defaults. */
    public Consumer<String, String> create(Map<String, ?> overrides) {
        return create(new StringDeserializer(), new StringDeserializer(), overrides);
    }

    /** A consumer with these deserializers, {@code overrides} on top of the defaults. */
    public <K, V> Consumer<K, V> create(Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer,
                                        Map<String, ?> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.AUTO_OFFSET_RESET, "earliest");
        config.putAll(overrides);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS, bootstrapServers.get());
        return new FerryConsumer<>(config, keyDeserializer, valueDeserializer);
    }
}
