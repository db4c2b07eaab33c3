package io.ferrymq.broker.replication;

/**
 * Where a follower's fetcher stands for one partition: the leader epoch it follows, whether it must
 * still truncate (OffsetsForLeaderEpoch) before fetching, and until when it backs off after an
 * error. A new instance replaces the old on every change, so a fetcher applies a response only if
 * the state it sent the request with is still the current one.
 *
 * <p>Immutable value.
 */
record FetchState(int leaderEpoch, boolean truncating, long delayedUntilMs) {

    static FetchState truncating(int leaderEpoch) {
        return new FetchState(leaderEpoch, true, 0L);
    }

    FetchState fetching() {
        return new FetchState(leaderEpoch, false, 0L);
    }

    FetchState truncatingAgain() {
        return new FetchState(leaderEpoch, true, 0L);
    }

    FetchState delayedUntil(long untilMs) {
        return new FetchState(leaderEpoch, truncating, untilMs);
    }

    boolean isReady(long nowMs) {
        return delayedUntilMs <= nowMs;
    }
}
