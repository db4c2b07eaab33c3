package io.ferrymq.client.admin;

import io.ferrymq.common.PartitionInfo;
import java.util.List;

/** A topic's partitions with leader, leader epoch, replicas and ISR, sorted by partition. Immutable. */
public record TopicDescription(String name, List<PartitionInfo> partitions) {

    public TopicDescription {
        partitions = List.copyOf(partitions);
    }
}
