package io.ferrymq.broker.partition;

/**
 * Where an append landed: the offsets of its first and last record and the log-append time
 * ({@code -1} when the producer's create time is kept).
 *
 * <p>Immutable value.
 */
public record AppendInfo(long firstOffset, long lastOffset, long logAppendTimeMs) {
}
