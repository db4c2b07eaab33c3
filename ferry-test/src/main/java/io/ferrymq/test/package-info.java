/**
 * ferry-test: a Ferry cluster inside the test JVM for applications' own tests.
 *
 * <p>{@link io.ferrymq.test.FerryTestCluster} is the handle (addresses, client factories, leaders
 * and ISRs read from ZooKeeper, fault hooks); {@link io.ferrymq.test.FerryTestClusterBuilder} makes
 * one; {@link io.ferrymq.test.EmbeddedBroker} is one in-JVM broker that keeps its ports and data
 * across a kill and a restart. ZooKeeper is curator-test's ({@code ZooKeeperServers}), session expiry
 * is done on the server ({@code SessionExpiry}). The JUnit 5 side lives in
 * {@link io.ferrymq.test.junit5}. What in-JVM brokers share and what this kit cannot do:
 * docs/DESIGN.md, "ferry-test".
 */
package io.ferrymq.test;
