package io.ferrymq.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplicaProgressTest {

    @Test
    void fetchReachingLeaderEndMarksCaughtUpNow() {
        ReplicaProgress p = ReplicaProgress.onBecomeLeader(2, true, 100).onFetch(50, 50, 200);
        assertThat(p.lastCaughtUpTimeMs()).isEqualTo(200);
        assertThat(p.logEndOffset()).isEqualTo(50);
    }

    @Test
    void fetchReachingPreviousLeaderEndMarksCaughtUpAtPreviousFetch() {
        ReplicaProgress p = ReplicaProgress.onBecomeLeader(2, false, 100)
                .onFetch(10, 40, 200)   // leader at 40 then
                .onFetch(40, 60, 300);  // follower reached 40: it was caught up as of t=200
        assertThat(p.lastCaughtUpTimeMs()).isEqualTo(200);
    }

    @Test
    void anUnnamedFetchCountsAsAFetchAtTheLastRecordedOffset() {
        ReplicaProgress recorded = ReplicaProgress.onBecomeLeader(2, true, 100).onFetch(50, 50, 200);

        // idle until 20 s, when its session last fetched without naming the partition; an append then
        ReplicaProgress afterIdle = recorded.onUnnamedFetch(20_000).onFetch(50, 51, 21_000);
        ReplicaProgress withoutIt = recorded.onFetch(50, 51, 21_000);

        assertThat(afterIdle.lastCaughtUpTimeMs()).isEqualTo(20_000);
        assertThat(afterIdle.isCaughtUp(51, 35_000, 30_000)).isTrue();
        assertThat(withoutIt.isCaughtUp(51, 35_000, 30_000)).as("what Kafka would never see").isFalse();
        assertThat(afterIdle.logEndOffset()).isEqualTo(50);
    }

    @Test
    void anUnnamedFetchIsIgnoredBeforeTheFirstFetchAndWhenNotLaterThanTheLast() {
        ReplicaProgress fresh = ReplicaProgress.onBecomeLeader(2, false, 100);
        assertThat(fresh.onUnnamedFetch(5_000)).isEqualTo(fresh);
        ReplicaProgress recorded = fresh.onFetch(50, 50, 200);
        assertThat(recorded.onUnnamedFetch(200)).isEqualTo(recorded);
        assertThat(recorded.onUnnamedFetch(-1)).isEqualTo(recorded);
    }

    @Test
    void fetchBehindPreviousLeaderEndDoesNotCountAsCaughtUp() {
        ReplicaProgress p = ReplicaProgress.onBecomeLeader(2, false, 100)
                .onFetch(10, 40, 200)
                .onFetch(30, 60, 300);
        assertThat(p.lastCaughtUpTimeMs()).isZero();
    }

    @Test
    void inSyncFollowerOfNewLeaderGetsFullLagPeriod() {
        ReplicaProgress p = ReplicaProgress.onBecomeLeader(3, true, 1_000);
        assertThat(p.isCaughtUp(99, 1_000 + 500, 500)).isTrue();
        assertThat(p.isCaughtUp(99, 1_000 + 501, 500)).isFalse();
        assertThat(p.logEndOffset()).isEqualTo(ReplicaProgress.UNKNOWN_OFFSET);
    }

    @Test
    void followerAtLeaderEndIsCaughtUpWhateverTheClock() {
        ReplicaProgress p = ReplicaProgress.onBecomeLeader(3, true, 0).onFetch(7, 7, 10);
        assertThat(p.isCaughtUp(7, 1_000_000, 500)).isTrue();
    }
}
