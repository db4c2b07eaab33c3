package io.ferrymq.broker.log;

/**
 * The outcome of a read: whole batches as a zero-copy {@link FileSlice} (possibly empty) and the
 * log bounds at the time of the read. The first batch may start before the requested offset
 * (the batch holding it); readers skip records below the offset they asked for. Immutable.
 *
 * @param records the batches
 * @param firstOffset base offset of the first batch returned (the requested offset if none)
 * @param nextOffset offset after the last batch returned (the requested offset if none)
 * @param logStartOffset the log start offset when read
 * @param logEndOffset the log end offset when read
 */
public record LogReadInfo(FileSlice records, long firstOffset, long nextOffset, long logStartOffset,
                          long logEndOffset) {
}
