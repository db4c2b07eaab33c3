package io.ferrymq.broker.log;

/**
 * The outcome of an append. Immutable.
 *
 * @param firstOffset offset of the first record appended
 * @param lastOffset offset of the last record appended
 * @param maxTimestamp largest batch max timestamp appended (-1 if none)
 * @param offsetOfMaxTimestamp last offset of the batch carrying {@code maxTimestamp}
 * @param recordCount records appended
 * @param batchCount batches appended
 * @param sizeInBytes bytes appended
 * @param logStartOffset the log start offset after the append
 */
public record LogAppendInfo(long firstOffset, long lastOffset, long maxTimestamp, long offsetOfMaxTimestamp,
                            int recordCount, int batchCount, int sizeInBytes, long logStartOffset) {
}
