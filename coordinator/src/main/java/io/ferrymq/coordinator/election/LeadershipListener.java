package io.ferrymq.coordinator.election;

import io.ferrymq.common.TopicPartition;
import java.util.List;

/**
 * What the broker learns from its electors. Every call for every partition of one broker arrives
 * on one ordered thread ({@code ferry-election-<brokerId>}), never on ZooKeeper's event thread;
 * implementations must not block for long (hand real work to the replica manager's own threads).
 *
 * <p>Contract, per partition: {@code onBecomeLeader} comes only after this broker wrote
 * {@code leader=self, leaderEpoch=epoch} into the partition's state znode; it is followed by
 * {@code onBecomeFollower} as soon as leadership is lost (connection SUSPENDED/LOST, latch lost,
 * deposed, {@code resign()}). {@code onBecomeFollower} is also called whenever the leader or
 * epoch recorded in ZooKeeper changes while this broker is not leader; {@code leaderId} is
 * {@link io.ferrymq.coordinator.metadata.PartitionState#NO_LEADER} (-1) when there is no known
 * leader (offline, election in progress, or this broker just stepped down).
 */
public interface LeadershipListener {

    void onBecomeLeader(TopicPartition partition, int leaderEpoch, List<Integer> isr);

    void onBecomeFollower(TopicPartition partition, int leaderId, int leaderEpoch);
}
