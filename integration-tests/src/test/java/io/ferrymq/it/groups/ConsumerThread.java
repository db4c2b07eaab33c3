package io.ferrymq.it.groups;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.serialization.StringDeserializer;
import io.ferrymq.client.consumer.ConsumerRecord;
import io.ferrymq.client.consumer.ConsumerRecords;
import io.ferrymq.client.consumer.FerryConsumer;
import io.ferrymq.client.consumer.internals.group.RebalanceListener;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real {@link FerryConsumer} subscribed in a group, polled on its own thread, committing after
 * each poll; it records the values it consumed and its assigned/revoked events. {@link #close}
 * stops polling and closes the consumer (which leaves the group).
 */
final class ConsumerThread implements AutoCloseable, RebalanceListener {

    private final String name;
    private final OwnershipLog ownership;
    private final FerryConsumer<String, String> consumer;
    private final ExecutorService thread;
    private final Set<String> values = ConcurrentHashMap.newKeySet();
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile boolean running = true;

    ConsumerThread(String bootstrap, String group, String name, String topic, OwnershipLog ownership) {
        this.name = name;
        this.ownership = ownership;
        this.consumer = new FerryConsumer<>(Map.of("bootstrap.servers", bootstrap, "group.id", group,
                "client.id", name, "auto.offset.reset", "earliest", "enable.auto.commit", "false",
                "session.timeout.ms", "6000", "heartbeat.interval.ms", "500"),
                new StringDeserializer(), new StringDeserializer());
        this.thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "it-consumer-" + name));
        thread.execute(() -> loop(topic));
    }

    private void loop(String topic) {
        consumer.subscribe(List.of(topic), this);
        while (running) {
            try {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, String> record : records) {
                    values.add(record.value());
                }
                assignment = Set.copyOf(consumer.assignment());
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ConsumerThread.class).info("{}: {}", name, e.toString());
            }
        }
        consumer.close();
    }

    Set<String> values() {
        return values;
    }

    Set<TopicPartition> assignment() {
        return assignment;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        ownership.revoked(name, partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        ownership.assigned(name, partitions);
    }

    @Override
    public void close() {
        running = false;
        thread.shutdown();
        try {
            if (!thread.awaitTermination(60, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
