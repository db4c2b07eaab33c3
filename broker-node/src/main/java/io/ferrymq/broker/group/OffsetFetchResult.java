package io.ferrymq.broker.group;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.coordinator.group.CommittedOffset;
import java.util.Map;

/** Committed offsets of a group (partitions without one are absent), or the error. Immutable. */
public record OffsetFetchResult(ErrorCode error, Map<TopicPartition, CommittedOffset> offsets) {

    public OffsetFetchResult {
        offsets = Map.copyOf(offsets);
    }
}
