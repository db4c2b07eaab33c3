package io.ferrymq.broker.log;

/**
 * A record found by timestamp (ListOffsets): its timestamp, its offset and the leader epoch it
 * was written in ({@code -1} when unknown). Not a time index entry, which has no epoch: that is
 * {@link io.ferrymq.broker.log.index.TimestampOffset}.
 *
 * <p>Immutable value.
 */
public record TimestampAndOffset(long timestamp, long offset, int leaderEpoch) {
}
