package io.ferrymq.it.kafka;

import io.ferrymq.it.replication.AckingProducer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@link AckingProducer}'s twin over a Kafka listener: the stock {@link KafkaProducer} with its
 * defaults (idempotent, acks=all, its own retries), sending the unique values {@code v0, v1, ...},
 * value {@code n} to partition {@code n % partitions}, at most {@code maxInFlight} outstanding,
 * and recording every acknowledgement as an {@link AckingProducer.Ack} so that
 * {@link io.ferrymq.it.replication.LogVerifier} checks it exactly as it checks Ferry's own
 * producer. A send that fails for good (the client gave up) is counted by error type, and the
 * value is sent again and recorded as retried, so a duplicate of it can be told from a broker bug.
 *
 * <p>Thread-safe; one named sender thread, stopped and joined by {@link #close()}.
 */
final class KafkaAckingProducer implements AutoCloseable {

    private final String topic;
    private final int partitions;
    private final KafkaProducer<String, String> producer;
    private final Semaphore inFlight;
    private final ConcurrentLinkedQueue<String> resends = new ConcurrentLinkedQueue<>();
    private final List<AckingProducer.Ack> acks = new ArrayList<>();
    private final Set<String> retried = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final AtomicLong outstanding = new AtomicLong();
    private final Thread sender;
    private volatile boolean running = true;
    private volatile boolean paused;
    private long next;

    KafkaAckingProducer(String bootstrapServers, String topic, int partitions, int maxInFlight) {
        this.topic = topic;
        this.partitions = partitions;
        this.inFlight = new Semaphore(maxInFlight);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "kafka-acking-producer");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        this.sender = new Thread(this::run, "kafka-acking-producer");
        sender.setDaemon(true);
        sender.start();
    }

    private void run() {
        while (running) {
            try {
                if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                String value = resends.poll();
                if (value == null && !paused) {
                    value = "v" + next++;
                }
                if (value == null) {
                    inFlight.release();
                    TimeUnit.MILLISECONDS.sleep(20);
                    continue;
                }
                send(value);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void send(String value) {
        int partition = Integer.parseInt(value.substring(1)) % partitions;
        outstanding.incrementAndGet();
        long sentAt = System.nanoTime();
        try {
            producer.send(new ProducerRecord<>(topic, partition, null, value), (meta, e) -> onCompletion(value, sentAt, meta, e));
        } catch (RuntimeException e) {
            onCompletion(value, sentAt, null, e);
        }
    }

    private void onCompletion(String value, long sentAt, RecordMetadata metadata, Exception exception) {
        if (exception == null) {
            AckingProducer.Ack ack = new AckingProducer.Ack(value, metadata.partition(), metadata.offset(), sentAt, System.nanoTime());
            synchronized (acks) {
                acks.add(ack);
            }
        } else {
            errors.computeIfAbsent(exception.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
            retried.add(value);
            if (running) {
                resends.add(value);
            }
        }
        outstanding.decrementAndGet();
        inFlight.release();
    }

    List<AckingProducer.Ack> acks() {
        synchronized (acks) {
            return List.copyOf(acks);
        }
    }

    int ackCount() {
        synchronized (acks) {
            return acks.size();
        }
    }

    /** Values sent more than once because the client reported a failure. */
    Set<String> retriedValues() {
        return Set.copyOf(retried);
    }

    Map<String, Long> errorCounts() {
        Map<String, Long> out = new HashMap<>();
        errors.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /**
     * Stops new values and waits (bounded) until every value is acknowledged, failed ones resent;
     * false when some were still outstanding at the deadline.
     */
    boolean drain(Duration timeout) {
        paused = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline && (outstanding.get() > 0 || !resends.isEmpty())) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return outstanding.get() == 0 && resends.isEmpty();
    }

    @Override
    public void close() {
        running = false;
        try {
            sender.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
