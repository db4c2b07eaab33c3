/**
 * Durable consumer-group state in ZooKeeper ({@link io.ferrymq.coordinator.group.GroupStore},
 * {@link io.ferrymq.coordinator.group.ZkGroupStore}; tree in {@link io.ferrymq.coordinator.group.GroupPaths}):
 * each group's last generation and coordinator epoch, and its committed offsets. A broker claims a group
 * before coordinating it; every later write, an offset commit included, is one transaction checked against
 * the group node's version, so a broker that lost the group fails with
 * {@link io.ferrymq.coordinator.group.GroupFencedException}. Blocking calls; callers choose the thread.
 */
package io.ferrymq.coordinator.group;
