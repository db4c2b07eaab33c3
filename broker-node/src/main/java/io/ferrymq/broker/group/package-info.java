/**
 * The broker side of consumer groups (Kafka's classic protocol): {@link io.ferrymq.broker.group.GroupCoordinator}
 * serves the group APIs for the groups this broker owns ({@link io.ferrymq.broker.group.CoordinatorSelector}:
 * murmur2 of the group id over the live brokers), one {@link io.ferrymq.broker.group.Group} state machine per
 * loaded group ({@link io.ferrymq.broker.group.GroupState}), with durable state in the coordinator module's
 * {@code GroupStore} (ZooKeeper). Pure pieces: {@link io.ferrymq.broker.group.GroupProtocols},
 * {@link io.ferrymq.broker.group.OffsetValidation}, {@link io.ferrymq.broker.group.GroupSnapshots}.
 *
 * <p>Threads: {@link io.ferrymq.broker.group.GroupExecutors} owns the store stripes
 * ({@code ferry-group-store-<broker>-<n>}; a group always runs its ZooKeeper calls on the same stripe,
 * so its writes stay ordered) and one ticker ({@code ferry-group-ticker-<broker>}) for session and
 * rebalance timeouts. A group and its {@link io.ferrymq.broker.group.Member}s are touched only under the
 * group's lock; {@link io.ferrymq.broker.group.GenerationListener}s are called under it and must not block.
 *
 * <p>Invariants: every write of a group is conditional on the znode version this broker last wrote
 * (the commit fence); a fenced broker stops coordinating the group. Every broker computes the same
 * coordinator from the same live set.
 */
package io.ferrymq.broker.group;
