package io.ferrymq.test;

import io.ferrymq.client.common.serialization.Serializer;
import io.ferrymq.client.common.serialization.StringSerializer;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.Producer;
import io.ferrymq.client.producer.ProducerConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Makes Ferry producers aimed at one {@link FerryTestCluster}: {@code bootstrap.servers} is set,
 * {@code acks=all} unless overridden, the rest as the caller says. Each call returns a new
 * producer that the caller closes. Thread-safe.
 */
public final class ProducerFactory {

    private final Supplier<String> bootstrapServers;

    ProducerFactory(Supplier<String> bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** A producer of string keys and values with {@code acks=all}. */
    public Producer<String, String> create() {
        return create(Map.of());
    }

    /** A producer of string keys and values, {@code overrides} on top of the defaults. */
    public Producer<String, String> create(Map<String, ?> overrides) {
        return create(new StringSerializer(), new StringSerializer(), overrides);
    }

    /** A producer with these serializers, {@code overrides} on top of the defaults. */
    public <K, V> Producer<K, V> create(Serializer<K> keySerializer, Serializer<V> valueSerializer,
                                        Map<String, ?> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.ACKS, "all");
        config.putAll(overrides);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS, bootstrapServers.get());
        return new FerryProducer<>(config, keySerializer, valueSerializer);
    }
}
