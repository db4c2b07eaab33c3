package io.ferrymq.broker.replication;

/**
 * One partition of a fetch: the first offset wanted, the sender's view of the leader epoch
 * ({@code -1}: not checked), the partition's byte budget and the epoch of the last record the
 * sender holds ({@code -1}: no divergence check).
 *
 * <p>Immutable value.
 */
public record PartitionFetchRequest(long fetchOffset, int currentLeaderEpoch, int maxBytes, int lastFetchedEpoch) {

    /** Without a divergence check. */
    public PartitionFetchRequest(long fetchOffset, int currentLeaderEpoch, int maxBytes) {
        this(fetchOffset, currentLeaderEpoch, maxBytes, -1);
    }
}
