package io.ferrymq.client.consumer;

/**
 * What a consumer does for a partition without a valid position ({@code auto.offset.reset}):
 * start at the log start, at the log end, or fail with {@code NoOffsetForPartitionException}.
 */
public enum OffsetResetStrategy {
    EARLIEST,
    LATEST,
    NONE
}
