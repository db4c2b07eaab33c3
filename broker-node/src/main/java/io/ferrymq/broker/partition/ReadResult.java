package io.ferrymq.broker.partition;

import io.ferrymq.common.protocol.RecordSource;

/**
 * Batches read from a leader's log with the partition state a fetch response carries: the high
 * watermark, log start offset and leader epoch at the time of the read.
 *
 * <p>Immutable value.
 */
public record ReadResult(RecordSource records, long highWatermark, long logStartOffset, int leaderEpoch) {
}
