package io.ferrymq.broker.log;

/**
 * Told each step of a cleaned segment's swap ({@link PartitionLog#replaceSegments}), so tests can stop
 * it there as a crash would. Production code passes {@link #NONE}.
 */
@FunctionalInterface
interface SwapProbe {

    /** The steps of a swap, in order. */
    enum Step {
        /** The cleaned segment is written and fsynced under {@code .cleaned} names. */
        CLEANED_WRITTEN,
        /** Its files are renamed {@code .swap}: a restart now completes the swap. */
        SWAP_RENAMED,
        /** One replaced segment left the map and its files were renamed {@code .deleted}. */
        OLD_SEGMENT_DELETED
    }

    SwapProbe NONE = step -> { };

    void reached(Step step);
}
