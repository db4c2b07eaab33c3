/**
 * ZooKeeper plumbing shared by the coordinator: {@link io.ferrymq.coordinator.zk.ZkClient} (one Curator
 * client per broker, chroot as namespace, bounded retries), {@link io.ferrymq.coordinator.zk.ZkPaths} (the
 * one place that knows the tree), the cluster id, and the JSON kept in znodes. Connection-state changes
 * reach {@link io.ferrymq.coordinator.zk.ZkConnectionListener}s on the client's own {@code ferry-zk-state}
 * thread, one at a time and in order, never on ZooKeeper's event thread. Failures the caller cannot fix are
 * {@link io.ferrymq.coordinator.zk.CoordinatorException}s naming the operation and znode.
 */
package io.ferrymq.coordinator.zk;
