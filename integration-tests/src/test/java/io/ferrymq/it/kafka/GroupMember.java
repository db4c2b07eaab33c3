package io.ferrymq.it.kafka;

import io.ferrymq.client.common.serialization.StringDeserializer;
import io.ferrymq.client.consumer.FerryConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * One consumer of a group, Kafka's ({@link #kafka}) or Ferry's ({@link #ferry}), subscribed to one
 * topic and polled on a named thread of its own (neither consumer is thread-safe), committing
 * with commitSync after every poll that returned records. It records every value it consumed, in
 * order, and its current assignment (partition numbers); the first error it met is kept for the
 * test to report. {@link #close()} stops the thread (joined, bounded) and closes the consumer,
 * which leaves the group. Thread-safe.
 */
abstract class GroupMember implements AutoCloseable {

    private final Thread thread;
    private final List<String> values = new ArrayList<>();
    private volatile Set<Integer> assignment = Set.of();
    private volatile Optional<RuntimeException> error = Optional.empty();
    private volatile boolean running = true;

    private GroupMember(String name) {
        this.thread = new Thread(this::loop, "group-member-" + name);
    }

    /** Kafka's consumer on a Kafka listener. */
    static GroupMember kafka(String kafkaBootstrap, String group, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "kafka-member");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer());
        return new GroupMember("kafka") {
            @Override
            void subscribe() {
                consumer.subscribe(List.of(topic));
            }

            @Override
            List<String> pollAndCommit() {
                List<String> polled = new ArrayList<>();
                consumer.poll(Duration.ofMillis(200)).forEach(r -> polled.add(r.value()));
                if (!polled.isEmpty()) {
                    consumer.commitSync();
                }
                return polled;
            }

            @Override
            Set<Integer> currentAssignment() {
                return consumer.assignment().stream().map(tp -> tp.partition()).collect(Collectors.toSet());
            }

            @Override
            void closeConsumer() {
                consumer.close(Duration.ofSeconds(10));
            }
        }.started();
    }

    /** Ferry's consumer on Ferry's listener. */
    static GroupMember ferry(String bootstrap, String group, String topic) {
        FerryConsumer<String, String> consumer = new FerryConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "group.id", group, "client.id", "ferry-member", "auto.offset.reset", "earliest",
                "enable.auto.commit", "false"), new StringDeserializer(), new StringDeserializer());
        return new GroupMember("ferry") {
            @Override
            void subscribe() {
                consumer.subscribe(List.of(topic));
            }

            @Override
            List<String> pollAndCommit() {
                List<String> polled = new ArrayList<>();
                consumer.poll(Duration.ofMillis(200)).forEach(r -> polled.add(r.value()));
                if (!polled.isEmpty()) {
                    consumer.commitSync();
                }
                return polled;
            }

            @Override
            Set<Integer> currentAssignment() {
                return consumer.assignment().stream().map(tp -> tp.partition()).collect(Collectors.toSet());
            }

            @Override
            void closeConsumer() {
                consumer.close(Duration.ofSeconds(10));
            }
        }.started();
    }

    abstract void subscribe();

    abstract List<String> pollAndCommit();

    abstract Set<Integer> currentAssignment();

    abstract void closeConsumer();

    final GroupMember started() {
        thread.start();
        return this;
    }

    private void loop() {
        try {
            subscribe();
            while (running) {
                List<String> polled = pollAndCommit();
                synchronized (values) {
                    values.addAll(polled);
                }
                assignment = Set.copyOf(currentAssignment());
            }
        } catch (RuntimeException e) {
            error = Optional.of(e);
        } finally {
            closeConsumer();
        }
    }

    List<String> values() {
        synchronized (values) {
            return List.copyOf(values);
        }
    }

    Set<Integer> assignment() {
        return assignment;
    }

    /** The error that ended the poll loop, if one did. */
    Optional<RuntimeException> error() {
        return error;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
