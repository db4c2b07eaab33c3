/**
 * Topics and partition state in ZooKeeper: the {@link io.ferrymq.coordinator.metadata.MetadataStore}
 * ({@link io.ferrymq.coordinator.metadata.ZkMetadataStore}) creates, grows and deletes topics and holds each
 * partition's leader, epoch and ISR ({@link io.ferrymq.coordinator.metadata.PartitionState}), written
 * conditionally on the znode version. Pure rules: {@link io.ferrymq.common.assignment.ReplicaAssigner} (in common, shared with the tools),
 * {@link io.ferrymq.coordinator.metadata.ReassignmentPolicy},
 * {@link io.ferrymq.coordinator.metadata.TopicValidator},
 * {@link io.ferrymq.coordinator.metadata.ReplicaAssignmentValidator}.
 *
 * <p>Threads: reads come from {@link io.ferrymq.coordinator.metadata.MetadataCache} ({@code CuratorCache}s),
 * never a ZooKeeper read; {@link io.ferrymq.coordinator.metadata.TopicListener}s are called on the store's
 * {@code ferry-metadata-events} thread in ZooKeeper's order. Invariants: no partition is visible without its
 * znodes; a lost conditional write is a {@link io.ferrymq.coordinator.metadata.PartitionStateConflictException}
 * and the caller re-reads.
 */
package io.ferrymq.coordinator.metadata;
