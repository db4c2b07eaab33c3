/**
 * One handler per API key of the data plane and topic administration, built by
 * {@link io.ferrymq.broker.server.handler.BrokerHandlers}: produce and fetch hand over to the
 * {@code ReplicaManager}; topic administration goes through the {@code MetadataStore}; Metadata and
 * DescribeCluster read only caches that follow ZooKeeper (never a ZooKeeper read per request).
 *
 * <p>Threads: handlers are thread-safe and called on the server's request threads; CreateTopics and
 * CreatePartitions wait for leaders through {@link io.ferrymq.broker.server.handler.LeaderWaiter}, fed by
 * metadata-store notifications rather than polling, and IncrementalAlterConfigs waits the same way until
 * the metadata cache shows the overrides it wrote. Errors are reported per topic or per partition.
 */
package io.ferrymq.broker.server.handler;
