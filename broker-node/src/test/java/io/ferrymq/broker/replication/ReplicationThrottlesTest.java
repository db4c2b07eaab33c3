package io.ferrymq.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.log.MutableClock;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.metadata.TopicMetadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicationThrottlesTest {

    private static final TopicPartition P0 = new TopicPartition("moving", 0);
    private static final TopicPartition P1 = new TopicPartition("moving", 1);

    private final MutableClock clock = new MutableClock(0);
    private final ReplicationThrottles throttles = new ReplicationThrottles(2, clock);

    private void topic(Map<String, String> configs) {
        throttles.onTopicChanged(new TopicMetadata("moving", Map.of(0, List.of(1, 2), 1, List.of(1, 2)), configs));
    }

    @Test
    void onlyListedReplicasAreThrottledAndOnlyWhileARateIsSet() {
        topic(Map.of("leader.replication.throttled.replicas", "0:2",
                "follower.replication.throttled.replicas", "1:2"));
        assertThat(throttles.isLeaderThrottledReplica(P0, 2)).as("no rate set yet").isFalse();

        throttles.setRates(1000, 1000);
        assertThat(throttles.isLeaderThrottledReplica(P0, 2)).isTrue();
        assertThat(throttles.isLeaderThrottledReplica(P0, 3)).isFalse();
        assertThat(throttles.isLeaderThrottledReplica(P1, 2)).isFalse();
        assertThat(throttles.isFollowerThrottledReplica(P1)).isTrue();
        assertThat(throttles.isFollowerThrottledReplica(P0)).isFalse();
    }

    @Test
    void theLeaderHoldsBackAnOutOfSyncFollowerOnlyOnceItsQuotaIsSpent() {
        topic(Map.of("leader.replication.throttled.replicas", "*"));
        throttles.setRates(1000, ThrottleQuota.UNLIMITED);
        assertThat(throttles.isLeaderThrottled(P0, 2, false)).isFalse();

        throttles.recordLeader(2000);
        assertThat(throttles.isLeaderThrottled(P0, 2, false)).isTrue();
        assertThat(throttles.isLeaderThrottled(P0, 2, true)).as("in-ISR followers are never throttled").isFalse();
        clock.advance(2000);
        assertThat(throttles.isLeaderThrottled(P0, 2, false)).isFalse();
    }

    @Test
    void theFollowerWaitsOffItsDebtAndATopicThatDropsItsListIsNoLongerThrottled() {
        topic(Map.of("follower.replication.throttled.replicas", "*"));
        throttles.setRates(ThrottleQuota.UNLIMITED, 1000);
        throttles.recordFollower(500);
        assertThat(throttles.followerWaitMs()).isEqualTo(500);

        topic(Map.of());
        assertThat(throttles.isFollowerThrottledReplica(P0)).isFalse();
        topic(Map.of("follower.replication.throttled.replicas", "0:x"));
        assertThat(throttles.isFollowerThrottledReplica(P0)).as("an invalid list throttles nothing").isFalse();
    }
}
