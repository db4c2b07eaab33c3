package io.ferrymq.it.produce;

import static org.awaitility.Awaitility.await;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.serialization.StringDeserializer;
import io.ferrymq.client.common.serialization.StringSerializer;
import io.ferrymq.client.consumer.ConsumerConfig;
import io.ferrymq.client.consumer.FerryConsumer;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.ProducerConfig;
import io.ferrymq.client.producer.ProducerRecord;
import io.ferrymq.client.producer.RecordMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Well-behaved traffic beside the hostile requests: the Ferry producer with acks=all sends numbered
 * values to one partition and reports the offsets they were acknowledged at; a fresh consumer reads
 * a partition from an offset. Bounded by {@code timeout}. Thread-safe as the producer is.
 */
final class GoodTraffic implements AutoCloseable {

    private final String bootstrapServers;
    private final Duration timeout;
    private final FerryProducer<String, String> producer;

    GoodTraffic(String bootstrapServers, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
        this.producer = new FerryProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS, bootstrapServers,
                ProducerConfig.ACKS, "all", ProducerConfig.LINGER_MS, "5",
                ProducerConfig.DELIVERY_TIMEOUT_MS, Long.toString(timeout.toMillis()),
                ProducerConfig.CLIENT_ID, "hostile-batch-it-good"), new StringSerializer(), new StringSerializer());
    }

    /**
     * Sends {@code count} values {@code <tag>-<i>} to {@code tp} and waits for every acknowledgement.
     *
     * @throws AssertionError when a send fails or the acknowledged offsets are not consecutive
     */
    Readable send(TopicPartition tp, String tag, int count) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(tag + "-" + i);
            acks.add(producer.send(new ProducerRecord<>(tp.topic(), tp.partition(), null, values.get(i))));
        }
        List<Long> offsets = new ArrayList<>();
        for (Future<RecordMetadata> ack : acks) {
            offsets.add(acknowledgement(ack).offset());
        }
        for (int i = 1; i < count; i++) {
            if (offsets.get(i) != offsets.get(0) + i) {
                throw new AssertionError("acks=all offsets of " + tag + " on " + tp + " are not consecutive: " + offsets);
            }
        }
        return new Readable(tp, offsets.get(0), values);
    }

    /**
     * What a fresh consumer reads from {@code expected}'s first offset: as many records as expected,
     * or fewer if no more came within the timeout.
     */
    List<String> read(Readable expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS, bootstrapServers,
                ConsumerConfig.CLIENT_ID, "hostile-batch-it-reader");
        List<String> got = new ArrayList<>();
        try (FerryConsumer<String, String> consumer = new FerryConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(expected.partition()));
            consumer.seek(expected.partition(), expected.firstOffset());
            int wanted = expected.values().size();
            try {
                await().atMost(timeout).pollInterval(Duration.ZERO).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> got.add(r.offset() + ":" + r.value()));
                    return got.size() >= wanted;
                });
            } catch (ConditionTimeoutException fewer) {
                return got;
            }
            return got.subList(0, wanted);
        }
    }

    private RecordMetadata acknowledgement(Future<RecordMetadata> ack) {
        try {
            return ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("acks=all send failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("acks=all send not acknowledged within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
