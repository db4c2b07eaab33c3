package io.ferrymq.broker.log;

/**
 * A follower append whose first batch does not start at the log end offset: the follower must
 * truncate (or {@code truncateFullyAndStartAt}) before it fetches from there.
 */
public class UnexpectedAppendOffsetException extends RuntimeException {

    private final long firstOffset;
    private final long logEndOffset;

    public UnexpectedAppendOffsetException(long firstOffset, long logEndOffset, String partition) {
        super("follower append to " + partition + " starts at offset " + firstOffset + " but the log ends at "
                + logEndOffset);
        this.firstOffset = firstOffset;
        this.logEndOffset = logEndOffset;
    }

    public long firstOffset() {
        return firstOffset;
    }

    public long logEndOffset() {
        return logEndOffset;
    }
}
