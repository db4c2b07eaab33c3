package io.ferrymq.broker.partition;

/**
 * A leader epoch and the offset just past its last record, as answered by OffsetsForLeaderEpoch:
 * for the latest epoch the end offset is the log end offset, for an older one it is the start
 * offset of the next epoch. {@link #UNDEFINED} answers a request for an epoch older than every
 * epoch the replica knows.
 *
 * <p>Immutable value.
 */
public record EpochEndOffset(int leaderEpoch, long endOffset) {

    public static final int UNDEFINED_EPOCH = -1;
    public static final long UNDEFINED_OFFSET = -1L;
    public static final EpochEndOffset UNDEFINED = new EpochEndOffset(UNDEFINED_EPOCH, UNDEFINED_OFFSET);

    public boolean isUndefined() {
        return leaderEpoch == UNDEFINED_EPOCH || endOffset == UNDEFINED_OFFSET;
    }
}
