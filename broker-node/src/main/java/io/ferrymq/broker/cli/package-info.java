/**
 * The broker-side {@code ferry} commands (picocli): run a broker or a ZooKeeper server in the foreground,
 * {@code quickstart} (a local three-broker cluster), {@code cluster health}, {@code dump-log} and the
 * {@code perf-log} benchmark. Commands run on the caller's thread; a broker run stops cleanly through a
 * shutdown hook. Cluster inspection goes through the wire protocol, never ZooKeeper.
 */
package io.ferrymq.broker.cli;
