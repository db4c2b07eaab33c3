package io.ferrymq.broker.group;

import io.ferrymq.common.TopicPartition;
import java.util.OptionalLong;

/**
 * Where the group coordinator learns a partition's log end offset as consumers see it (the high
 * watermark), for lag. Empty when this broker does not know it (e.g. not the partition's leader).
 * Implementations are thread-safe and cheap (no network).
 */
@FunctionalInterface
public interface LogEndOffsets {

    OptionalLong logEndOffset(TopicPartition tp);
}
