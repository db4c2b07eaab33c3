package io.ferrymq.coordinator.election;

import io.ferrymq.client.common.TopicPartition;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.metadata.PartitionStateConflictException;
import io.ferrymq.coordinator.metadata.Versioned;
import io.ferrymq.coordinator.zk.CoordinatorException;
import io.ferrymq.coordinator.zk.Json;
import io.ferrymq.coordinator.zk.JsonObject;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The ZooKeeper calls an elector makes, all synchronous and meant for the election thread (never
 * ZooKeeper's event thread): read {@code state} with its version and a watch, the fenced election
 * write (a transaction that checks the latch node still exists and sets {@code state} at the version
 * read), the latch's participant check and a fresh read of the registered broker ids. Thread-safe.
 */
final class ElectionZk {

    private final CuratorFramework curator;

    ElectionZk(CuratorFramework curator) {
        this.curator = curator;
    }

    boolean isConnected() {
        return curator.getZookeeperClient().isConnected();
    }

    /** The state and its version (watch armed), or empty when the partition no longer exists. */
    Optional<Versioned<PartitionState>> readState(TopicPartition partition, CuratorWatcher watcher) {
        String path = ZkPaths.state(partition);
        Stat stat = new Stat();
        try {
            byte[] data = curator.getData().storingStatIn(stat).usingWatcher(watcher).forPath(path);
            return Optional.of(new Versioned<>(PartitionState.fromJson(JsonObject.parse(path, data)), stat.getVersion()));
        } catch (KeeperException.NoNodeException gone) {
            return Optional.empty();
        } catch (Exception e) {
            throw CoordinatorException.wrap("reading " + path, e);
        }
    }

    /**
     * Writes the elected state only if our latch node still exists and {@code state} is still at
     * {@code version}; both checks and the write are one ZooKeeper transaction.
     *
     * @throws PartitionStateConflictException when either check fails
     */
    Versioned<PartitionState> writeElected(TopicPartition partition, String latchNode, PartitionState elected, int version) {
        String path = ZkPaths.state(partition);
        try {
            List<CuratorTransactionResult> results = curator.transaction().forOperations(
                    curator.transactionOp().check().forPath(latchNode),
                    curator.transactionOp().setData().withVersion(version).forPath(path, Json.bytes(elected.toJson())));
            return new Versioned<>(elected, results.get(1).getResultStat().getVersion());
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
            throw new PartitionStateConflictException(partition, "election write at version " + version
                    + " failed (" + e.code() + ")", Optional.empty());
        } catch (Exception e) {
            throw CoordinatorException.wrap("writing the election of " + partition, e);
        }
    }

    /** Whether any replica is already in the partition's latch (watch armed on its children). */
    boolean latchHasParticipants(TopicPartition partition, CuratorWatcher watcher) {
        String path = ZkPaths.latch(partition);
        try {
            return !curator.getChildren().usingWatcher(watcher).forPath(path).isEmpty();
        } catch (Exception e) {
            throw CoordinatorException.wrap("listing " + path, e);
        }
    }

    /** The registered broker ids, read now. */
    Set<Integer> liveBrokerIds() {
        try {
            Set<Integer> ids = new HashSet<>();
            for (String child : curator.getChildren().forPath(ZkPaths.BROKER_IDS)) {
                try {
                    ids.add(Integer.parseInt(child));
                } catch (NumberFormatException ignored) {
                    // not a broker registration
                }
            }
            return ids;
        } catch (Exception e) {
            throw CoordinatorException.wrap("listing " + ZkPaths.BROKER_IDS, e);
        }
    }
}
