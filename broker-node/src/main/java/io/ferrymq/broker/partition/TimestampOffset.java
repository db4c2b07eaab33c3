package io.ferrymq.broker.partition;

/**
 * A record found by timestamp: its timestamp, its offset and the leader epoch it was written in
 * ({@code -1} when unknown).
 *
 * <p>Immutable value.
 */
public record TimestampOffset(long timestamp, long offset, int leaderEpoch) {
}
