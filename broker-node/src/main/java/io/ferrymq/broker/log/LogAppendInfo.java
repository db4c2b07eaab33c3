package io.ferrymq.broker.log;

/**
 * The outcome of an append, as the log reports it and the partition passes on. Immutable.
 *
 * @param firstOffset offset of the first record appended
 * @param lastOffset offset of the last record appended ({@code firstOffset - 1} when nothing was)
 * @param maxTimestamp largest batch max timestamp appended (-1 if none)
 * @param offsetOfMaxTimestamp last offset of the batch carrying {@code maxTimestamp}
 * @param recordCount records appended
 * @param batchCount batches appended
 * @param sizeInBytes bytes appended
 * @param logStartOffset the log start offset after the append
 * @param logAppendTimeMs the time the broker stamped on the batches, {@code -1} when the
 *     producer's create time is kept (always, until topics can ask for log-append time)
 */
public record LogAppendInfo(long firstOffset, long lastOffset, long maxTimestamp, long offsetOfMaxTimestamp,
                            int recordCount, int batchCount, int sizeInBytes, long logStartOffset,
                            long logAppendTimeMs) {

    /** An append of no batches at {@code logEndOffset}: what a follower records for an empty fetch. */
    public static LogAppendInfo nothingAppended(long logEndOffset, long logStartOffset) {
        return new LogAppendInfo(logEndOffset, logEndOffset - 1, -1L, -1L, 0, 0, 0, logStartOffset, -1L);
    }
}
