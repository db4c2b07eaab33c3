package io.ferrymq.test;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.json.Json;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkConfig;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The test cluster's own read-only look at ZooKeeper, the source of truth the brokers write
 * (paths of {@link ZkPaths}): which session owns a broker's registration, and a partition's leader,
 * epoch and ISR. One {@link ZkClient} session of its own, closed with {@link #close}. Thread-safe.
 */
final class ZooKeeperView implements AutoCloseable {

    private final ZkClient zk;

    private ZooKeeperView(ZkClient zk) {
        this.zk = zk;
    }

    static ZooKeeperView connect(String connectString) {
        return new ZooKeeperView(ZkClient.connect(ZkConfig.of(connectString)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10))));
    }

    /** The session that owns {@code /brokers/ids/<id>}, empty while the broker is not registered. */
    OptionalLong registrationSession(int brokerId) {
        try {
            Stat stat = zk.curator().checkExists().forPath(ZkPaths.broker(brokerId));
            return stat == null ? OptionalLong.empty() : OptionalLong.of(stat.getEphemeralOwner());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the registration of broker " + brokerId + " from ZooKeeper", e);
        }
    }

    /** The partition's leader, epoch and ISR as ZooKeeper records them, empty when the partition does not exist. */
    Optional<PartitionState> partitionState(TopicPartition tp) {
        String path = ZkPaths.state(tp);
        try {
            return Optional.of(PartitionState.fromJson(Json.parseObject(path, zk.curator().getData().forPath(path))));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the state of " + tp + " from ZooKeeper", e);
        }
    }

    @Override
    public void close() {
        zk.close();
    }
}
