package io.ferrymq.broker.log.producer;

/**
 * What the log remembers of one appended batch of an idempotent producer: its sequence range, its
 * offsets and its largest timestamp. A retried batch with the same sequence range is answered with
 * these offsets. Immutable.
 *
 * @param firstSeq the batch's base sequence
 * @param lastSeq its last sequence (wrapping past {@link Integer#MAX_VALUE} to 0)
 * @param firstOffset the offset of its first record
 * @param lastOffset the offset of its last record
 * @param maxTimestamp its largest record timestamp
 */
public record BatchMetadata(int firstSeq, int lastSeq, long firstOffset, long lastOffset, long maxTimestamp) {

    /** The number of records minus one, as the batch header's last offset delta. */
    public int offsetDelta() {
        return (int) (lastOffset - firstOffset);
    }
}
