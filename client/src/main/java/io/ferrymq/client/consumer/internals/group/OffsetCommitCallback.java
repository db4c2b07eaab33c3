package io.ferrymq.client.consumer.internals.group;

import io.ferrymq.common.TopicPartition;
import java.util.Map;
import java.util.Optional;

/** Told when an asynchronous commit ends; called on the consumer's thread during a later poll. */
@FunctionalInterface
public interface OffsetCommitCallback {

    void onComplete(Map<TopicPartition, OffsetAndMetadata> offsets, Optional<RuntimeException> failure);
}
