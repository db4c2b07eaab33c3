package io.ferrymq.broker.cli;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.serialization.ByteArrayDeserializer;
import io.ferrymq.client.common.serialization.ByteArraySerializer;
import io.ferrymq.client.consumer.Consumer;
import io.ferrymq.client.consumer.ConsumerRecord;
import io.ferrymq.client.consumer.FerryConsumer;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.Producer;
import io.ferrymq.client.producer.ProducerRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The quickstart's demo traffic: a producer with acks=all sends {@code messages} values of
 * {@code size} bytes, each starting with its sequence number, timing every send from the call to
 * its acknowledgement (so the time a record waits in the producer's buffer counts); then a consumer
 * reads the topic from the beginning until it has seen every sequence number as a member of consumer group {@code group} (committing its offsets at the end),
 * counting duplicates. Every wait is bounded. Not thread-safe (one run at a time).
 */
final class QuickstartWorkload {

    record ProduceResult(long acknowledged, long failed, Duration elapsed, Histogram latencyMicros,
                         String firstError) {
    }

    record ConsumeResult(long distinct, long duplicates, Duration elapsed, int partitionsRead) {
    }

    private QuickstartWorkload() {
    }

    static ProduceResult produce(String bootstrap, Map<String, String> security, String topic, int messages, int size,
                                 Duration timeout) {
        Recorder recorder = new Recorder(3);
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>("");
        CountDownLatch done = new CountDownLatch(messages);
        Map<String, Object> config = withSecurity(security, Map.of("bootstrap.servers", bootstrap, "acks", "all",
                "linger.ms", "5", "batch.size", "65536", "client.id", "quickstart-producer",
                "delivery.timeout.ms", Long.toString(timeout.toMillis())));
        long start = System.nanoTime();
        try (Producer<byte[], byte[]> producer = new FerryProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < messages; i++) {
                long sentAt = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, key(i), value(i, size)), (metadata, error) -> {
                    if (error == null) {
                        recorder.recordValue(Math.max(1, (System.nanoTime() - sentAt) / 1_000));
                    } else {
                        failed.incrementAndGet();
                        firstError.compareAndSet("", error.toString());
                    }
                    done.countDown();
                });
            }
            producer.flush();
            await(done, timeout);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Histogram latency = recorder.getIntervalHistogram();
        return new ProduceResult(latency.getTotalCount(), failed.get() + done.getCount(), elapsed, latency, firstError.get());
    }

    static ConsumeResult consume(String bootstrap, Map<String, String> security, String topic, String group, int expected,
                                 Duration timeout) {
        BitSet seen = new BitSet(expected);
        long duplicates = 0;
        Set<TopicPartition> assigned = new TreeSet<>();
        Map<String, Object> config = withSecurity(security, Map.of("bootstrap.servers", bootstrap,
                "client.id", "quickstart-consumer", "group.id", group, "enable.auto.commit", "false",
                "auto.offset.reset", "earliest", "max.poll.records", "5000"));
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        try (Consumer<byte[], byte[]> consumer = new FerryConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (seen.cardinality() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    int seq = ByteBuffer.wrap(r.value()).getInt();
                    if (seen.get(seq)) {
                        duplicates++;
                    }
                    seen.set(seq);
                    assigned.add(r.topicPartition());
                }
            }
            consumer.commitSync();
        }
        return new ConsumeResult(seen.cardinality(), duplicates, Duration.ofNanos(System.nanoTime() - start), assigned.size());
    }

    private static byte[] key(int i) {
        return ("key-" + (i % 1_000)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(int seq, int size) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(4, size));
        b.putInt(seq);
        while (b.hasRemaining()) {
            b.put((byte) ('a' + b.position() % 26));
        }
        return b.array();
    }

    private static void await(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Object> withSecurity(Map<String, String> security, Map<String, Object> config) {
        Map<String, Object> all = new HashMap<>(config);
        all.putAll(security);
        return all;
    }
}
