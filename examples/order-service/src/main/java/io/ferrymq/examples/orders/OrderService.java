package io.ferrymq.examples.orders;

import io.ferrymq.client.common.serialization.StringSerializer;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.Producer;
import io.ferrymq.client.producer.ProducerConfig;
import io.ferrymq.client.producer.ProducerRecord;
import io.ferrymq.client.producer.RecordMetadata;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Places orders: each one a record on the orders topic, keyed by order id, written with
 * {@code acks=all} and acknowledged before {@link #place} returns. Thread-safe (one producer).
 */
public final class OrderService implements AutoCloseable {

    private final String topic;
    private final Producer<String, String> producer;

    public OrderService(String bootstrapServers, String topic) {
        this.topic = topic;
        this.producer = new FerryProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS, bootstrapServers,
                ProducerConfig.ACKS, "all"), new StringSerializer(), new StringSerializer());
    }

    /** Writes the order and returns where it landed once every in-sync replica has it. */
    public RecordMetadata place(Order order) {
        try {
            return producer.send(new ProducerRecord<>(topic, order.id(), order.item())).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("order " + order.id() + " was not written", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("order " + order.id() + " was not acknowledged within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while placing order " + order.id(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
