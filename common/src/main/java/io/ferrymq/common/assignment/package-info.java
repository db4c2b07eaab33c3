/**
 * Replica placement shared by the brokers (topic creation, added partitions) and the tools
 * ({@code ferry reassign-partitions --generate}): the pure {@link io.ferrymq.common.assignment.ReplicaAssigner}
 * over {@link io.ferrymq.common.assignment.BrokerPlacement}s.
 */
package io.ferrymq.common.assignment;
