package io.ferrymq.broker.partition;

import io.ferrymq.broker.log.LogAppendInfo;

/**
 * The result of an append on the leader: where the records landed, the epoch they were written in
 * (an acks=all waiter fails if the epoch changes before commit), the log start offset, and whether
 * the append moved the high watermark (possible when the leader is alone in the ISR).
 *
 * <p>Immutable value.
 */
public record LeaderAppend(LogAppendInfo info, int leaderEpoch, long logStartOffset, boolean highWatermarkMoved) {

    /** The offset the high watermark must reach for this append to be committed. */
    public long requiredOffset() {
        return info.lastOffset() + 1;
    }
}
