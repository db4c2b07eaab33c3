/**
 * Failover tests of issue 5 against three broker processes ({@link io.ferrymq.it.harness.FerryCluster}):
 * leader kill -9 loop (with failover timing), rolling SIGTERM restart, SIGSTOP'd leader, double
 * failover, and leadership returning to a killed and restarted preferred replica (the
 * preferred-leader rebalance). {@code RestartAfterKillIT} (issue 17) restarts a broker right after a
 * kill -9: it waits for its old ZooKeeper session to expire instead of exiting. The others each run an {@link io.ferrymq.it.replication.AckingProducer} (acks=all, unique values)
 * throughout and ends with {@link io.ferrymq.it.replication.LogVerifier}: every acknowledged value at
 * its acknowledged offset, dense offsets, duplicates only of resent values, replicas identical
 * (offsets, epochs, CRCs) below the high watermark. Broker logs are kept under
 * {@code target/failure-test-logs/<test>/}.
 */
package io.ferrymq.it.failover;
