package io.ferrymq.broker.partition;

import java.util.Optional;
import java.util.function.IntFunction;

/**
 * How far a follower truncates its log so that it never keeps a tail the leader does not have
 * (DESIGN.md rule 7; Kafka's KIP-279). The follower asks the leader for the end offset of its own
 * latest epoch; the leader answers with the largest epoch it has that is not above it, and that
 * epoch's end offset.
 * <ul>
 *   <li>If the follower also has exactly that epoch, the logs agree up to the smaller of the two
 *       end offsets: truncate there, done.</li>
 *   <li>If the follower's largest epoch not above the leader's answer is older, the logs may
 *       diverge earlier: truncate to the smaller end offset and ask again with the new latest
 *       epoch (this iteration is what makes back-to-back leader changes safe).</li>
 *   <li>If either side knows no such epoch, fall back to the follower's high watermark, the
 *       largest offset known to be committed.</li>
 * </ul>
 * Never truncates above the follower's log end offset.
 *
 * <p>Pure function; thread-safe.
 */
public final class TruncationPolicy {

    private TruncationPolicy() {
    }

    /**
     * Decides one truncation step.
     *
     * @param leaderAnswer the leader's answer to OffsetsForLeaderEpoch for the follower's latest epoch
     * @param localEndOffsetFor the follower's own answer for an epoch (largest local epoch not above
     *     it, and its end offset); empty if the follower has no such epoch
     * @param localLogEndOffset the follower's log end offset
     * @param localHighWatermark the follower's high watermark, used when no epoch matches
     */
    public static TruncationDecision decide(
            EpochEndOffset leaderAnswer, IntFunction<Optional<EpochEndOffset>> localEndOffsetFor,
            long localLogEndOffset, long localHighWatermark) {
        long fallback = Math.min(localHighWatermark, localLogEndOffset);
        if (leaderAnswer.isUndefined()) {
            return new TruncationDecision(fallback, true);
        }
        Optional<EpochEndOffset> local = localEndOffsetFor.apply(leaderAnswer.leaderEpoch())
                .filter(answer -> !answer.isUndefined());
        if (local.isEmpty()) {
            return new TruncationDecision(fallback, true);
        }
        long common = Math.min(Math.min(local.get().endOffset(), leaderAnswer.endOffset()), localLogEndOffset);
        boolean sameEpoch = local.get().leaderEpoch() == leaderAnswer.leaderEpoch();
        return new TruncationDecision(common, sameEpoch);
    }
}
