package io.ferrymq.tools;

import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.admin.FerryAdmin;
import io.ferrymq.client.common.serialization.Deserializer;
import io.ferrymq.client.common.serialization.Serializer;
import io.ferrymq.client.consumer.Consumer;
import io.ferrymq.client.consumer.FerryConsumer;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.Producer;
import java.util.Map;

/**
 * How the command-line tools obtain clients. The default talks to real brokers over the network;
 * another implementation can point the same commands at something else (an embedded cluster).
 */
public interface ClientFactory {

    Admin admin(Map<String, Object> props);

    <K, V> Producer<K, V> producer(Map<String, Object> props, Serializer<K> keys, Serializer<V> values);

    <K, V> Consumer<K, V> consumer(Map<String, Object> props, Deserializer<K> keys, Deserializer<V> values);

    /** Clients over the network ({@code bootstrap.servers} in the props). */
    static ClientFactory network() {
        return new ClientFactory() {
            @Override
            public Admin admin(Map<String, Object> props) {
                return FerryAdmin.create(props);
            }

            @Override
            public <K, V> Producer<K, V> producer(Map<String, Object> props, Serializer<K> keys, Serializer<V> values) {
                return new FerryProducer<>(props, keys, values);
            }

            @Override
            public <K, V> Consumer<K, V> consumer(Map<String, Object> props, Deserializer<K> keys,
                                                  Deserializer<V> values) {
                return new FerryConsumer<>(props, keys, values);
            }
        };
    }
}
