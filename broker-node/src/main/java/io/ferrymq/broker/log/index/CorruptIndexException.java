package io.ferrymq.broker.log.index;

/**
 * An index file failed its sanity check (size not a whole number of entries, offsets or
 * timestamps going backwards, positions past the log). Indexes are derived data: the caller
 * rebuilds the index from the log, it never trusts it.
 */
public class CorruptIndexException extends RuntimeException {

    public CorruptIndexException(String message) {
        super(message);
    }
}
