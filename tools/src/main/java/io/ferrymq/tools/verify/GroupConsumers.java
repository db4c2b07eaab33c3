package io.ferrymq.tools.verify;

import io.ferrymq.client.common.serialization.StringDeserializer;
import io.ferrymq.client.consumer.Consumer;
import io.ferrymq.client.consumer.ConsumerRecords;
import io.ferrymq.client.consumer.internals.group.OffsetAndMetadata;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.tools.ClientFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumers of {@code ferry verify}: {@code n} members of one group reading the topic and
 * committing their positions after every poll (commitSync), plus a sampler that reads the group's
 * committed offsets every {@link #SAMPLE_EVERY} into {@link History.CommitSample}s. Each runs on its
 * own named thread; errors during faults are logged and the loop goes on. {@link #close} stops the
 * members (their last commit and leave), joins every thread and takes a final sample. Thread-safe.
 */
final class GroupConsumers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupConsumers.class);
    static final Duration SAMPLE_EVERY = Duration.ofMillis(250);
    private static final Duration POLL = Duration.ofMillis(200);

    private final ClientFactory clients;
    private final Map<String, Object> props;
    private final Set<TopicPartition> partitions;
    private final Clock clock;
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<History.CommitSample> samples = new ConcurrentLinkedQueue<>();
    private final AtomicLong consumed = new AtomicLong();
    private volatile boolean running = true;

    GroupConsumers(ClientFactory clients, Map<String, Object> props, String topic, Set<TopicPartition> partitions,
                   int members, Clock clock) {
        this.clients = clients;
        this.props = props;
        this.partitions = partitions;
        this.clock = clock;
        for (int i = 0; i < members; i++) {
            threads.add(new Thread(() -> member(topic), "ferry-verify-consumer-" + i));
        }
        threads.add(new Thread(this::sampleLoop, "ferry-verify-commit-sampler"));
        threads.forEach(Thread::start);
    }

    private Consumer<String, String> newConsumer() {
        return clients.consumer(props, new StringDeserializer(), new StringDeserializer());
    }

    private void member(String topic) {
        try (Consumer<String, String> consumer = newConsumer()) {
            consumer.subscribe(List.of(topic));
            while (running) {
                try {
                    ConsumerRecords<String, String> records = consumer.poll(POLL);
                    if (!records.isEmpty()) {
                        consumed.addAndGet(records.count());
                        consumer.commitSync();
                    }
                } catch (RuntimeException e) {
                    LOG.info("group consumer: {} (continuing)", e.toString());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("group consumer stopped", e);
        }
    }

    private void sampleLoop() {
        try (Consumer<String, String> sampler = newConsumer()) {
            while (running) {
                sample(sampler);
                pause();
            }
            sample(sampler);
        } catch (RuntimeException e) {
            LOG.warn("commit sampler stopped", e);
        }
    }

    private void sample(Consumer<String, String> sampler) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = sampler.committed(partitions);
            long now = clock.millis();
            committed.forEach((tp, o) -> samples.add(new History.CommitSample(tp.partition(), o.offset(), now)));
        } catch (RuntimeException e) {
            LOG.info("commit sample failed: {} (continuing)", e.toString());
        }
    }

    private void pause() {
        synchronized (this) {
            try {
                wait(SAMPLE_EVERY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /** Records the members read (with repeats after rebalances). */
    long consumed() {
        return consumed.get();
    }

    List<History.CommitSample> samples() {
        return List.copyOf(samples);
    }

    /** The last committed offset sampled per partition. */
    Map<Integer, Long> lastCommitted() {
        Map<Integer, Long> last = new HashMap<>();
        samples().forEach(s -> last.merge(s.partition(), s.offset(), Math::max));
        return last;
    }

    @Override
    public void close() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (t.isAlive()) {
                LOG.warn("{} did not stop within 60 s", t.getName());
            }
        }
    }
}
