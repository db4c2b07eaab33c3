package io.ferrymq.it.replication;

import io.ferrymq.client.common.serialization.StringSerializer;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.ProducerConfig;
import io.ferrymq.client.producer.ProducerRecord;
import io.ferrymq.client.producer.RecordMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A verifiable producer for failure tests: sends the unique values {@code v0, v1, ...} with
 * acks=all, value {@code n} to partition {@code n % partitions} (so every partition always has
 * traffic), at most {@code maxInFlight} outstanding. {@link #idempotent idempotent} (the default
 * of the failure tests): the client retries by itself, with sequence numbers, for up to two minutes,
 * so a fail-over must cost no record, duplicate none and reorder none. {@link #withoutRetries}: the
 * client never retries ({@code retries=0}), so errors reach this class. Either way a failed send is
 * sent again by this class and the value is recorded as retried, so a duplicate in the log can be
 * told apart from a broker bug. Records every
 * acknowledgement with its partition, offset and the time it arrived, and every error by type.
 *
 * <p>Thread-safe; one named sender thread, stopped and joined by {@link #close()}.
 */
public final class AckingProducer implements AutoCloseable {

    /** A failed value waiting out a short back-off before it is sent again. */
    private record Resend(String value, long dueNanos) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }

    /** One acknowledged value, with when it was (last) handed to the client and when its acknowledgement came. */
    public record Ack(String value, int partition, long offset, long sentAtNanos, long ackedAtNanos) {
    }

    private static final long RESEND_BACKOFF_MS = 250;

    private final String topic;
    private final int partitions;
    private final boolean idempotent;
    private final FerryProducer<String, String> producer;
    private final Semaphore inFlight;
    private final DelayQueue<Resend> resends = new DelayQueue<>();
    private final List<Ack> acks = new ArrayList<>();
    private final Set<String> retried = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final AtomicLong outstanding = new AtomicLong();
    private final Thread sender;
    private volatile boolean running = true;
    private volatile boolean paused;
    private long next;

    /** Client-side retries with producer ids and sequence numbers ({@code enable.idempotence=true}). */
    public static AckingProducer idempotent(String bootstrapServers, String topic, int partitions, int maxInFlight) {
        return idempotent(bootstrapServers, Map.of(), topic, partitions, maxInFlight);
    }

    /** As {@link #idempotent(String, String, int, int)}, with {@code security} ({@code security.protocol}, {@code ssl.*}) added. */
    public static AckingProducer idempotent(String bootstrapServers, Map<String, String> security, String topic, int partitions,
                                            int maxInFlight) {
        return new AckingProducer(bootstrapServers, security, topic, partitions, maxInFlight, true);
    }

    /** No client-side retries: every error reaches this class, which sends the value again. */
    public static AckingProducer withoutRetries(String bootstrapServers, String topic, int partitions, int maxInFlight) {
        return withoutRetries(bootstrapServers, Map.of(), topic, partitions, maxInFlight);
    }

    /** As {@link #withoutRetries(String, String, int, int)}, with {@code security} added. */
    public static AckingProducer withoutRetries(String bootstrapServers, Map<String, String> security, String topic,
                                                int partitions, int maxInFlight) {
        return new AckingProducer(bootstrapServers, security, topic, partitions, maxInFlight, false);
    }

    private AckingProducer(String bootstrapServers, Map<String, String> security, String topic, int partitions,
                           int maxInFlight, boolean idempotent) {
        this.topic = topic;
        this.partitions = partitions;
        this.idempotent = idempotent;
        this.inFlight = new Semaphore(maxInFlight);
        Map<String, Object> config = new HashMap<>(security);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        config.put(ProducerConfig.ACKS, "all");
        config.put(ProducerConfig.LINGER_MS, "2");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS, "5000");
        config.put(ProducerConfig.RETRY_BACKOFF_MS, "50");
        config.put(ProducerConfig.METADATA_MAX_AGE_MS, "2000");
        config.put(ProducerConfig.MAX_BLOCK_MS, "5000");
        if (idempotent) {
            config.put("enable.idempotence", "true");
            config.put(ProducerConfig.MAX_IN_FLIGHT, "5");
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS, "120000");
        } else {
            config.put("enable.idempotence", "false");
            config.put(ProducerConfig.RETRIES, "0");
            config.put(ProducerConfig.MAX_IN_FLIGHT, "1");
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS, "10000");
        }
        config.put(ProducerConfig.CLIENT_ID, "acking-producer");
        this.producer = new FerryProducer<>(config, new StringSerializer(), new StringSerializer());
        this.sender = new Thread(this::run, "acking-producer");
        sender.setDaemon(true);
        sender.start();
    }

    private void run() {
        while (running) {
            try {
                if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                Resend resend = resends.poll();
                String value = resend != null ? resend.value() : paused ? null : "v" + next++;
                if (value == null) {
                    inFlight.release();
                    Thread.sleep(20);
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
            producer.send(new ProducerRecord<>(topic, partition, null, value),
                    (meta, e) -> onCompletion(value, sentAt, meta, e));
        } catch (RuntimeException e) {
            onCompletion(value, sentAt, null, e);
        }
    }

    private void onCompletion(String value, long sentAt, RecordMetadata metadata, Exception exception) {
        if (exception == null) {
            Ack ack = new Ack(value, metadata.partition(), metadata.offset(), sentAt, System.nanoTime());
            synchronized (acks) {
                acks.add(ack);
            }
        } else {
            errors.computeIfAbsent(describe(exception), k -> new AtomicLong()).incrementAndGet();
            retried.add(value);
            if (running) {
                resends.add(new Resend(value, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RESEND_BACKOFF_MS)));
            }
        }
        outstanding.decrementAndGet();
        inFlight.release();
    }

    private static String describe(Exception e) {
        String message = String.valueOf(e.getMessage());
        for (String code : List.of("NOT_ENOUGH_REPLICAS_AFTER_APPEND", "NOT_ENOUGH_REPLICAS", "NOT_LEADER_OR_FOLLOWER",
                "REQUEST_TIMED_OUT", "LEADER_NOT_AVAILABLE", "FENCED_LEADER_EPOCH", "UNKNOWN_LEADER_EPOCH",
                "NETWORK_EXCEPTION")) {
            if (message.contains(code)) {
                return code;
            }
        }
        return e.getClass().getSimpleName();
    }

    /** Whether the client retries with sequence numbers (then no value may appear twice). */
    public boolean isIdempotent() {
        return idempotent;
    }

    /** Stops taking new values (resends of failed ones continue). */
    public void pauseNewValues() {
        paused = true;
    }

    public void resumeNewValues() {
        paused = false;
    }

    public List<Ack> acks() {
        synchronized (acks) {
            return List.copyOf(acks);
        }
    }

    public int ackCount() {
        synchronized (acks) {
            return acks.size();
        }
    }

    /** Values sent more than once (after an error); only these may appear twice in the log. */
    public Set<String> retriedValues() {
        return Set.copyOf(retried);
    }

    public Map<String, Long> errorCounts() {
        Map<String, Long> out = new HashMap<>();
        errors.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /**
     * Stops new values, waits (bounded) until every failed value was resent and acknowledged, then
     * closes the client. Returns false when some values were still unacknowledged at the deadline.
     */
    public boolean drain(Duration timeout) {
        paused = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && (outstanding.get() > 0 || !resends.isEmpty())) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
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
