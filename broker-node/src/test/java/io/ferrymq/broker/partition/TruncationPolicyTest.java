package io.ferrymq.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TruncationPolicyTest {

    /** A tiny epoch cache: (epoch, startOffset) entries in order plus a log end offset. */
    private static final class Epochs {
        final List<int[]> entries = new ArrayList<>();
        long logEndOffset;

        Epochs(long logEndOffset, int... epochAndStart) {
            this.logEndOffset = logEndOffset;
            for (int i = 0; i < epochAndStart.length; i += 2) {
                entries.add(new int[] {epochAndStart[i], epochAndStart[i + 1]});
            }
        }

        int latest() {
            return entries.get(entries.size() - 1)[0];
        }

        Optional<EpochEndOffset> endOffsetFor(int epoch) {
            for (int i = entries.size() - 1; i >= 0; i--) {
                if (entries.get(i)[0] <= epoch) {
                    long end = i == entries.size() - 1 ? logEndOffset : entries.get(i + 1)[1];
                    return Optional.of(new EpochEndOffset(entries.get(i)[0], end));
                }
            }
            return Optional.empty();
        }

        void truncateTo(long offset) {
            logEndOffset = Math.min(logEndOffset, offset);
            entries.removeIf(e -> e[1] >= offset && entries.indexOf(e) > 0);
        }
    }

    private static long truncateIteratively(Epochs follower, Epochs leader, long followerHw) {
        for (int round = 0; round < 10; round++) {
            EpochEndOffset answer = leader.endOffsetFor(follower.latest()).orElse(EpochEndOffset.UNDEFINED);
            TruncationDecision d = TruncationPolicy.decide(answer, follower::endOffsetFor, follower.logEndOffset, followerHw);
            follower.truncateTo(d.truncateTo());
            if (d.complete()) {
                return follower.logEndOffset;
            }
        }
        throw new AssertionError("truncation did not converge");
    }

    @Test
    void sameLatestEpochTruncatesToShorterLog() {
        Epochs follower = new Epochs(12, 0, 0, 1, 5);
        Epochs leader = new Epochs(9, 0, 0, 1, 5);
        assertThat(truncateIteratively(follower, leader, 3)).isEqualTo(9);
    }

    @Test
    void followerBehindLeaderKeepsItsWholeLog() {
        Epochs follower = new Epochs(7, 0, 0, 1, 5);
        Epochs leader = new Epochs(20, 0, 0, 1, 5, 2, 10);
        assertThat(truncateIteratively(follower, leader, 3)).isEqualTo(7);
    }

    @Test
    void divergentTailFromDeposedEpochIsCut() {
        // follower led epoch 1 and wrote 5..11 that nobody else has; leader moved to epoch 2 at 5
        Epochs follower = new Epochs(12, 0, 0, 1, 5);
        Epochs leader = new Epochs(15, 0, 0, 2, 5);
        assertThat(truncateIteratively(follower, leader, 5)).isEqualTo(5);
    }

    @Test
    void backToBackLeaderChangesNeedSecondRound() {
        // follower: epoch 0 [0,10), epoch 2 [10,14). leader: epoch 0 [0,5), 1 [5,8), 3 [8,..)
        Epochs follower = new Epochs(14, 0, 0, 2, 10);
        Epochs leader = new Epochs(20, 0, 0, 1, 5, 3, 8);
        assertThat(truncateIteratively(follower, leader, 2)).isEqualTo(5);
    }

    @Test
    void leaderWithNoMatchingEpochMeansTruncateToHighWatermark() {
        TruncationDecision d = TruncationPolicy.decide(EpochEndOffset.UNDEFINED, e -> Optional.empty(), 30, 12);
        assertThat(d).isEqualTo(new TruncationDecision(12, true));
    }

    @Test
    void neverTruncatesAboveLocalLogEnd() {
        TruncationDecision d = TruncationPolicy.decide(
                new EpochEndOffset(4, 100), e -> Optional.of(new EpochEndOffset(4, 50)), 40, 10);
        assertThat(d).isEqualTo(new TruncationDecision(40, true));
    }
}
