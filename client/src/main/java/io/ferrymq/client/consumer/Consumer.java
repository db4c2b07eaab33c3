package io.ferrymq.client.consumer;

import io.ferrymq.common.PartitionInfo;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.consumer.internals.group.OffsetAndMetadata;
import io.ferrymq.client.consumer.internals.group.OffsetCommitCallback;
import io.ferrymq.client.consumer.internals.group.RebalanceListener;
import java.io.Closeable;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads records from partitions, single-threaded like Kafka's consumer: every method but
 * {@link #wakeup()} must be called from one thread at a time. Partitions are assigned by hand
 * ({@link #assign}) or by the consumer group ({@link #subscribe}, needs {@code group.id}).
 *
 * <p>Each assigned partition has a position: the offset of the next record {@link #poll} returns.
 * Without one, {@code auto.offset.reset} decides where to start.
 */
public interface Consumer<K, V> extends Closeable {

    /** Replaces the assignment; positions of partitions kept are kept. */
    void assign(Collection<TopicPartition> partitions);

    Set<TopicPartition> assignment();

    /** Joins the group ({@code group.id}) for these topics; the group assigns the partitions during {@link #poll}. */
    void subscribe(Collection<String> topics);

    /** As {@link #subscribe(Collection)}; {@code listener} hears of revoked and assigned partitions on the poll thread. */
    void subscribe(Collection<String> topics, RebalanceListener listener);

    /** Leaves the group (committing first with auto-commit) and drops every partition. */
    void unsubscribe();

    Set<String> subscription();

    /** Commits the positions of every assigned partition, waiting up to {@code default.api.timeout.ms}. */
    void commitSync();

    void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets);

    /** Commits the current positions in the background; failures are logged. */
    void commitAsync();

    /** Commits in the background; {@code callback} runs during a later {@link #poll}. */
    void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback);

    /** The group's committed offsets of {@code partitions}; partitions without one are absent. */
    Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions);

    /** Records from the assigned, unpaused partitions: waits up to {@code timeout} for at least one. */
    ConsumerRecords<K, V> poll(Duration timeout);

    void seek(TopicPartition partition, long offset);

    void seekToBeginning(Collection<TopicPartition> partitions);

    void seekToEnd(Collection<TopicPartition> partitions);

    /** The offset of the next record to return, resolving a pending reset (up to {@code request.timeout.ms}). */
    long position(TopicPartition partition);

    void pause(Collection<TopicPartition> partitions);

    void resume(Collection<TopicPartition> partitions);

    Set<TopicPartition> paused();

    Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions);

    /** The high watermark of each partition: the offset the next committed record will get. */
    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions);

    /** Per partition, the first record at or after the time (ms); absent when there is none. */
    Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestamps);

    List<PartitionInfo> partitionsFor(String topic);

    /** Makes a blocked or the next {@link #poll} throw {@link io.ferrymq.client.common.errors.WakeupException}; any thread. */
    void wakeup();

    @Override
    void close();

    void close(Duration timeout);
}
