package io.ferrymq.broker.replication;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.config.ThrottledReplicas;
import io.ferrymq.common.config.TopicConfigKeys;
import io.ferrymq.coordinator.metadata.TopicMetadata;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replication throttle of one broker, as Kafka's: two quotas ({@link ThrottleQuota}), the leader's
 * ({@code leader.replication.throttled.rate}, bytes this broker serves to throttled followers) and the
 * follower's ({@code follower.replication.throttled.rate}, bytes it fetches for its throttled
 * replicas), each shared by all throttled replicas; and which replicas are throttled, from each topic's
 * {@code leader.replication.throttled.replicas} and {@code follower.replication.throttled.replicas}
 * ({@link ThrottledReplicas}), kept up to date from topic events. The leader does not throttle a
 * follower in the ISR (as Kafka); the fetch path asks {@link #isLeaderThrottled} with that in mind.
 *
 * <p>Thread-safe: the topic map is concurrent, the quotas synchronized.
 */
public final class ReplicationThrottles {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationThrottles.class);

    private final int brokerId;
    private final Clock clock;
    private final ThrottleQuota leader;
    private final ThrottleQuota follower;
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();

    public ReplicationThrottles(int brokerId, Clock clock) {
        this.brokerId = brokerId;
        this.clock = clock;
        this.leader = new ThrottleQuota(ThrottleQuota.UNLIMITED, clock.millis());
        this.follower = new ThrottleQuota(ThrottleQuota.UNLIMITED, clock.millis());
    }

    /** Sets both rates in bytes per second ({@link ThrottleQuota#UNLIMITED} for none). */
    public void setRates(long leaderRate, long followerRate) {
        long now = clock.millis();
        leader.setRate(leaderRate, now);
        follower.setRate(followerRate, now);
    }

    /** The topic's throttled-replica lists changed (or not); an invalid value throttles nothing of it. */
    void onTopicChanged(TopicMetadata topic) {
        try {
            Topic lists = new Topic(
                    TopicConfigKeys.throttledReplicas(topic.configs(), TopicConfigKeys.LEADER_REPLICATION_THROTTLED_REPLICAS),
                    TopicConfigKeys.throttledReplicas(topic.configs(),
                            TopicConfigKeys.FOLLOWER_REPLICATION_THROTTLED_REPLICAS));
            if (lists.leader().equals(ThrottledReplicas.NONE) && lists.follower().equals(ThrottledReplicas.NONE)) {
                topics.remove(topic.name());
            } else {
                topics.put(topic.name(), lists);
            }
        } catch (ConfigException e) {
            LOG.error("Topic {} has an invalid throttled replicas list; none of it is throttled: {}", topic.name(),
                    e.getMessage());
            topics.remove(topic.name());
        }
    }

    void onTopicDeleted(String topic) {
        topics.remove(topic);
    }

    /**
     * Whether this leader should hold back {@code tp}'s records from follower {@code followerId} now: the
     * replica is listed as leader-throttled, the follower is out of the ISR, and the leader quota is spent.
     */
    boolean isLeaderThrottled(TopicPartition tp, int followerId, boolean followerInIsr) {
        return !followerInIsr && isLeaderThrottledReplica(tp, followerId) && leader.isExceeded(clock.millis());
    }

    /** Whether bytes served to {@code followerId} for {@code tp} count against the leader quota. */
    boolean isLeaderThrottledReplica(TopicPartition tp, int followerId) {
        Topic lists = topics.get(tp.topic());
        return lists != null && !leader.isUnlimited() && lists.leader().includes(tp.partition(), followerId);
    }

    void recordLeader(long bytes) {
        leader.record(bytes, clock.millis());
    }

    /** Whether this broker's replica of {@code tp} fetches under the follower quota. */
    boolean isFollowerThrottledReplica(TopicPartition tp) {
        Topic lists = topics.get(tp.topic());
        return lists != null && !follower.isUnlimited() && lists.follower().includes(tp.partition(), brokerId);
    }

    /** How long throttled replicas must wait before the follower fetches for them again (0: now). */
    long followerWaitMs() {
        return follower.millisUntilAvailable(clock.millis());
    }

    void recordFollower(long bytes) {
        follower.record(bytes, clock.millis());
    }

    private record Topic(ThrottledReplicas leader, ThrottledReplicas follower) {
    }
}
