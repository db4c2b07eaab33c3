package io.ferrymq.client.consumer;

import io.ferrymq.common.TopicPartition;
import java.util.Set;

/**
 * A partition has no position and {@code auto.offset.reset=none} forbids choosing one; names the
 * partitions. Seek explicitly, or choose earliest or latest.
 */
public class NoOffsetForPartitionException extends RuntimeException {

    private final Set<TopicPartition> partitions;

    public NoOffsetForPartitionException(Set<TopicPartition> partitions, String reason) {
        super("No valid offset for partitions " + partitions + " and auto.offset.reset=none: " + reason);
        this.partitions = Set.copyOf(partitions);
    }

    public Set<TopicPartition> partitions() {
        return partitions;
    }
}
