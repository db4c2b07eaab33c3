package io.ferrymq.broker.log;

/**
 * The seam through which tests make an append fail at a chosen step: {@link LogSegment} and
 * {@link PartitionLog} call {@link #reached} at each step of an append that writes to disk, and a
 * probe that throws there stands for that step failing (an I/O error, a full disk). Production
 * code uses {@link #NONE}, set once when the log is opened. An append that fails at any step
 * leaves the files and the in-memory state exactly as before it.
 *
 * <p>Implementations are called under the partition log's append lock, one step at a time.
 */
@FunctionalInterface
interface AppendProbe {

    /** The probe of every production log: every step succeeds. */
    AppendProbe NONE = step -> { };

    /** The steps of an append, in order; the index steps repeat for every indexed batch. */
    enum Step {
        /** The segment's {@code .log} has been written (before any index entry). */
        FILE_WRITTEN,
        /** Just before an offset index entry is added. */
        OFFSET_INDEX_APPEND,
        /** Just before a time index entry is added. */
        TIME_INDEX_APPEND,
        /** The segment has written and indexed every batch of the append. */
        SEGMENT_APPENDED,
        /** The partition log has rolled to a new segment for this append, before writing to it. */
        ROLLED,
        /** Just before the fsync that {@code log.flush.interval.messages} asks for. */
        FLUSH
    }

    /** Called when an append reaches {@code step}; throwing fails the append there. */
    void reached(Step step);
}
