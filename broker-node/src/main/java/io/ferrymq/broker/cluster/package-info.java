/**
 * A local Ferry cluster for quickstart and tests: {@link io.ferrymq.broker.cluster.LocalCluster} starts
 * every ZooKeeper server and broker as its own JVM on free loopback ports (or where a
 * {@link io.ferrymq.broker.cluster.ProcessNetwork} puts it, e.g. a network namespace), so a kill is a real kill.
 * Children are tracked by {@link io.ferrymq.broker.cluster.ManagedProcess} and
 * {@link io.ferrymq.broker.cluster.PidFile}; signals go to a verified PID only, and leftovers of a
 * crashed launcher are stopped by those records. Every wait ({@link io.ferrymq.broker.cluster.Probes})
 * is bounded; cluster state is read through Metadata requests, never ZooKeeper.
 */
package io.ferrymq.broker.cluster;
