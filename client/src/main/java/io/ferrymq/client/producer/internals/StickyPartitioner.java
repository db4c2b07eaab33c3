package io.ferrymq.client.producer.internals;

import io.ferrymq.common.Cluster;
import io.ferrymq.common.Murmur2;
import io.ferrymq.common.PartitionInfo;
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
 * <p>The move falls on a batch boundary, as in Kafka's KIP-794: after {@code batch.size} bytes the
 * partition is left only once it has no batch still filling (its batches were sent, or the last is
 * full), or after twice {@code batch.size} bytes regardless. Moving on at exactly
 * {@code batch.size} would leave a small remainder batch behind that waits out {@code linger.ms}
 * alone whenever linger, not size, closes batches (a steady, throttled producer).
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

    /** Whether a partition has a batch that still takes records (the accumulator's view). */
    @FunctionalInterface
    public interface BatchFilling {
        boolean isFilling(String topic, int partition);
    }

    private final int batchSize;
    private final IntUnaryOperator random;
    private final BatchFilling filling;
    private final ConcurrentHashMap<String, Sticky> sticky = new ConcurrentHashMap<>();

    /** @param random returns a value in {@code [0, bound)} for a bound */
    public StickyPartitioner(int batchSize, IntUnaryOperator random, BatchFilling filling) {
        this.batchSize = batchSize;
        this.random = random;
        this.filling = filling;
    }

    public StickyPartitioner(int batchSize, BatchFilling filling) {
        this(batchSize, bound -> ThreadLocalRandom.current().nextInt(bound), filling);
    }

    /** The partition of a keyed record in a topic of {@code numPartitions}. */
    public static int partitionForKey(byte[] keyBytes, int numPartitions) {
        return Murmur2.partitionForKey(keyBytes, numPartitions);
    }

    /**
     * The sticky partition for the next keyless record of {@code topic}, which must have at least
     * one partition in {@code cluster}: the current one, unless a batch's worth went there and its
     * batches are no longer filling.
     */
    public int stickyPartition(String topic, Cluster cluster) {
        Sticky current = sticky.get(topic);
        if (current == null || current.partition >= cluster.partitionsForTopic(topic).size()) {
            return switchPartition(topic, cluster, current);
        }
        if (current.bytes.get() >= batchSize && !filling.isFilling(topic, current.partition)) {
            return switchPartition(topic, cluster, current);
        }
        return current.partition;
    }

    /**
     * Counts {@code bytes} appended to {@code partition} for a keyless record; moves on after a batch's
     * worth if no batch of the partition is filling any more, and after two batches' worth regardless.
     */
    public void onAppend(String topic, int partition, int bytes, Cluster cluster) {
        Sticky current = sticky.get(topic);
        if (current == null || current.partition != partition) {
            return;
        }
        long produced = current.bytes.addAndGet(bytes);
        if (produced >= 2L * batchSize || (produced >= batchSize && !filling.isFilling(topic, partition))) {
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
