package io.ferrymq.client.consumer.internals;

import io.ferrymq.client.common.internals.EventQueue;
import io.ferrymq.client.common.internals.Metadata;
import io.ferrymq.client.common.internals.RequestChannel;
import io.ferrymq.client.consumer.ConsumerConfig;
import java.time.Clock;

/**
 * What the consumer's internal parts share: its config, positions, metadata, channel, event queue
 * and clock. Owned by the consumer's thread.
 */
public record FetcherContext(ConsumerConfig config, SubscriptionState subscriptions, Metadata metadata,
                             RequestChannel channel, EventQueue events, Clock clock) {
}
