package io.ferrymq.broker.metrics;

/**
 * What the replica manager reports about the partitions this broker hosts, read on every metrics
 * scrape. Implementations must be cheap and thread-safe (a scrape runs on the admin HTTP thread).
 */
public interface ReplicaStateView {

    /** Partitions led here whose ISR is smaller than their replica set. */
    int underReplicatedPartitions();

    /** Partitions led here whose ISR is smaller than {@code min.insync.replicas}. */
    int underMinIsrPartitions();

    /** Hosted partitions that have no live leader. */
    int offlinePartitions();

    /** Partitions this broker leads. */
    int leaderCount();

    /** Partition replicas hosted on this broker. */
    int partitionCount();
}
