package io.ferrymq.examples.orders;

import io.ferrymq.client.common.serialization.StringDeserializer;
import io.ferrymq.client.consumer.Consumer;
import io.ferrymq.client.consumer.ConsumerConfig;
import io.ferrymq.client.consumer.ConsumerRecord;
import io.ferrymq.client.consumer.FerryConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads placed orders as a member of a consumer group, from the beginning of the topic the first
 * time the group reads it, committing what it has read after each poll. Not thread-safe: call it
 * from one thread, like the consumer inside it.
 */
public final class OrderBook implements AutoCloseable {

    private final Consumer<String, String> consumer;

    public OrderBook(String bootstrapServers, String topic, String group) {
        this.consumer = new FerryConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS, bootstrapServers,
                ConsumerConfig.GROUP_ID, group, ConsumerConfig.AUTO_OFFSET_RESET, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT, "false"), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** The orders that arrived within {@code timeout}, committed before they are returned. */
    public List<Order> poll(Duration timeout) {
        List<Order> orders = new ArrayList<>();
        for (ConsumerRecord<String, String> record : consumer.poll(timeout)) {
            orders.add(new Order(record.key(), record.value()));
        }
        if (!orders.isEmpty()) {
            consumer.commitSync();
        }
        return orders;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
