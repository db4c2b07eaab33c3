/**
 * The cluster's ACLs in ZooKeeper: {@link io.ferrymq.coordinator.acl.AclZnodes} (Kafka's layout and
 * JSON), {@link io.ferrymq.coordinator.acl.ZkAclStore} (compare-and-set writes) and the cache every
 * broker's authorizer reads and is told about changes from.
 */
package io.ferrymq.coordinator.acl;
