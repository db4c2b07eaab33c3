/**
 * Replication failure tests of issue 5 (two brokers down, lagging follower) and the support every
 * failure test shares: {@link io.ferrymq.it.replication.FailureScenario} (cluster, topic of 6
 * partitions with replication factor 3 and {@code min.insync.replicas=2}, producer, final checks),
 * {@link io.ferrymq.it.replication.AckingProducer}, {@link io.ferrymq.it.replication.LogVerifier} and
 * {@link io.ferrymq.it.replication.ReplicaSegments} (reads stopped brokers' segment files directly).
 */
package io.ferrymq.it.replication;
