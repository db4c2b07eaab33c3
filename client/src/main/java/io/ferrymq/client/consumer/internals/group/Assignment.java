package io.ferrymq.client.consumer.internals.group;

import io.ferrymq.common.TopicPartition;
import java.util.List;

/**
 * The partitions the group leader gives one member, sent back to it in the SyncGroup response.
 *
 * <p>Immutable and thread-safe; the list is copied.
 */
public record Assignment(List<TopicPartition> partitions) {

    public Assignment {
        partitions = List.copyOf(partitions);
    }
}
