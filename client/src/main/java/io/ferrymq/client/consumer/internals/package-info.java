/**
 * The consumer's machinery, owned by the consumer's thread: positions
 * ({@link io.ferrymq.client.consumer.internals.SubscriptionState}), fetching
 * ({@link io.ferrymq.client.consumer.internals.Fetcher}: at most one Fetch in flight per leader, records
 * decoded lazily by {@link io.ferrymq.client.consumer.internals.CompletedFetch}), offset lookups and resets,
 * and the link to the group ({@link io.ferrymq.client.consumer.internals.GroupMembership}). Responses arrive
 * on the network thread and are handed to the consumer's thread as events
 * ({@link io.ferrymq.client.consumer.internals.ConsumerNetwork}); nothing here is shared across threads.
 */
package io.ferrymq.client.consumer.internals;
