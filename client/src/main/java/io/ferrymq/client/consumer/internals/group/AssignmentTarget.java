package io.ferrymq.client.consumer.internals.group;

import io.ferrymq.common.TopicPartition;
import java.util.Collection;
import java.util.Map;

/**
 * What the group member drives in its consumer: the partitions to fetch, their starting positions
 * (committed offsets; the consumer applies {@code auto.offset.reset} to the others), and the
 * positions to auto-commit. Called on the consumer's poll thread only.
 */
public interface AssignmentTarget {

    /** Replaces the fetched partitions (positions of partitions kept stay). */
    void assign(Collection<TopicPartition> partitions);

    void seek(TopicPartition partition, long offset);

    /** The position (next offset to return) of every assigned partition that has one. */
    Map<TopicPartition, Long> consumedPositions();
}
