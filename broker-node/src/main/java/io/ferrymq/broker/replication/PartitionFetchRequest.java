package io.ferrymq.broker.replication;

/**
 * One partition of a fetch: the first offset wanted, the sender's view of the leader epoch
 * ({@code -1}: not checked) and the partition's byte budget.
 *
 * <p>Immutable value.
 */
public record PartitionFetchRequest(long fetchOffset, int currentLeaderEpoch, int maxBytes) {
}
