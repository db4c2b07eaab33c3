package io.ferrymq.client.producer.internals;

import io.ferrymq.client.common.Cluster;
import io.ferrymq.client.common.Murmur2;
import io.ferrymq.client.common.PartitionInfo;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;

/**
 * Kafka's built-in partitioning: a keyed record goes to {@code toPositive(murmur2(key)) % partitions}
 * (all partitions, available or not, so a key's partition never moves while the count is stable);
 * records without a key stick to one randomly chosen available partition until about
 * {@code batch.size} bytes went there, then move on, so they fill whole batches.
 *
 * <p>Thread-safe: byte counts are atomic and the per-topic sticky state is replaced atomically
 * (no allocation per record); a race can only make two threads pick new partitions at once, which
 * is harmless.
 */
public final class StickyPartitioner {

    /** The current sticky partition and the bytes sent to it since it was chosen. */
    private record Sticky(int partition, AtomicLong bytes) {
        Sticky(int partition) {
            this(partition, new AtomicLong());
        }
    }

    private final int batchSize;
    private final IntUnaryOperator random;
    private final ConcurrentHashMap<String, Sticky> sticky = new ConcurrentHashMap<>();

    /** @param random returns a value in {@code [0, bound)} for a bound */
    public StickyPartitioner(int batchSize, IntUnaryOperator random) {
        this.batchSize = batchSize;
        this.random = random;
    }

    public StickyPartitioner(int batchSize) {
        this(batchSize, bound -> ThreadLocalRandom.current().nextInt(bound));
    }

    /** The partition of a keyed record in a topic of {@code numPartitions}. */
    public static int partitionForKey(byte[] keyBytes, int numPartitions) {
        return Murmur2.partitionForKey(keyBytes, numPartitions);
    }

    /** The current sticky partition of {@code topic}, which must have at least one partition in {@code cluster}. */
    public int stickyPartition(String topic, Cluster cluster) {
        Sticky current = sticky.get(topic);
        if (current != null && current.partition < cluster.partitionsForTopic(topic).size()) {
            return current.partition;
        }
        return switchPartition(topic, cluster, current);
    }

    /** Counts {@code bytes} appended to {@code partition} of a keyless record; switches after a batch's worth. */
    public void onAppend(String topic, int partition, int bytes, Cluster cluster) {
        Sticky current = sticky.get(topic);
        if (current == null || current.partition != partition) {
            return;
        }
        if (current.bytes.addAndGet(bytes) >= batchSize) {
            switchPartition(topic, cluster, current);
        }
    }

    private int switchPartition(String topic, Cluster cluster, Sticky previous) {
        List<PartitionInfo> available = cluster.availablePartitionsForTopic(topic);
        List<PartitionInfo> candidates = available.isEmpty() ? cluster.partitionsForTopic(topic) : available;
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("topic " + topic + " has no partitions in the metadata");
        }
        int choice = candidates.get(random.applyAsInt(candidates.size())).partition();
        if (previous != null && candidates.size() > 1 && choice == previous.partition) {
            choice = candidates.get((indexOf(candidates, choice) + 1) % candidates.size()).partition();
        }
        Sticky next = new Sticky(choice);
        if (previous == null ? sticky.putIfAbsent(topic, next) == null : sticky.replace(topic, previous, next)) {
            return choice;
        }
        Sticky winner = sticky.get(topic);
        return winner != null ? winner.partition : choice;
    }

    private static int indexOf(List<PartitionInfo> candidates, int partition) {
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).partition() == partition) {
                return i;
            }
        }
        return 0;
    }
}
