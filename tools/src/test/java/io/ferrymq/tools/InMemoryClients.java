package io.ferrymq.tools;

import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.admin.AdminConfig;
import io.ferrymq.client.admin.FerryAdmin;
import io.ferrymq.client.common.internals.InMemoryCluster;
import io.ferrymq.client.common.serialization.Deserializer;
import io.ferrymq.client.common.serialization.Serializer;
import io.ferrymq.client.consumer.Consumer;
import io.ferrymq.client.consumer.ConsumerConfig;
import io.ferrymq.client.consumer.FerryConsumer;
import io.ferrymq.client.consumer.internals.Deserializers;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.Producer;
import io.ferrymq.client.producer.ProducerConfig;
import java.time.Clock;
import java.util.Map;

/** Real clients over an {@link InMemoryCluster}, so the CLI commands run without sockets. */
final class InMemoryClients implements ClientFactory {

    private final InMemoryCluster cluster;

    InMemoryClients(InMemoryCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public Admin admin(Map<String, Object> props) {
        return new FerryAdmin(AdminConfig.parse(props), cluster, Clock.systemUTC());
    }

    @Override
    public <K, V> Producer<K, V> producer(Map<String, Object> props, Serializer<K> keys, Serializer<V> values) {
        return new FerryProducer<>(ProducerConfig.parse(props), keys, values, cluster, Clock.systemUTC());
    }

    @Override
    public <K, V> Consumer<K, V> consumer(Map<String, Object> props, Deserializer<K> keys, Deserializer<V> values) {
        return new FerryConsumer<>(ConsumerConfig.parse(props), new Deserializers<>(keys, values), cluster,
                Clock.systemUTC());
    }
}
