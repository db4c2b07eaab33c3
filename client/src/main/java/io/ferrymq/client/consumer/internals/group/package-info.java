/**
 * The client side of a consumer group (eager classic protocol):
 * {@link io.ferrymq.client.consumer.internals.group.ConsumerGroupCoordinator} rejoins on the poll thread
 * (JoinGroup, leader-side assignment, SyncGroup), {@link io.ferrymq.client.consumer.internals.group.OffsetClient}
 * commits and fetches offsets, and the pure assignors ({@code range}, {@code roundrobin}) split partitions.
 *
 * <p>Threads: the poll thread joins and runs rebalance listeners and commit callbacks; the named
 * {@code ferry-heartbeat-<client.id>} thread sends heartbeats and only requests rejoins through the
 * synchronized {@link io.ferrymq.client.consumer.internals.group.MemberState}; asynchronous commits run in
 * order on {@code ferry-commit-<client.id>}.
 */
package io.ferrymq.client.consumer.internals.group;
