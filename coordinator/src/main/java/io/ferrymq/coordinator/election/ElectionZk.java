package io.ferrymq.coordinator.election;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.metadata.PartitionStateConflictException;
import io.ferrymq.coordinator.metadata.Versioned;
import io.ferrymq.coordinator.zk.CoordinatorException;
import io.ferrymq.common.json.Json;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.BackgroundCallback;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.KeeperException;

/**
 * The ZooKeeper calls an elector makes, all asynchronous (Curator background calls) so one election
 * thread can keep thousands of partitions' requests in flight: read {@code state} with its version
 * (no watch: changes reach electors through the broker's metadata cache), the fenced election write (one transaction that checks the latch node still exists
 * and sets {@code state} at the version read), the latch's participant count and order, and the
 * registered broker ids. Futures complete on ZooKeeper's event thread: callers continue on their own executor.
 * Thread-safe.
 */
final class ElectionZk {

    private final CuratorFramework curator;

    ElectionZk(CuratorFramework curator) {
        this.curator = curator;
    }

    boolean isConnected() {
        return curator.getZookeeperClient().isConnected();
    }

    /** The state and its version, or empty when the partition no longer exists. */
    CompletableFuture<Optional<Versioned<PartitionState>>> readState(TopicPartition partition) {
        String path = ZkPaths.state(partition);
        return call(path, result -> {
            if (result.getResultCode() == KeeperException.Code.NONODE.intValue()) {
                return Optional.empty();
            }
            requireOk(result, path);
            PartitionState state = PartitionState.fromJson(Json.parseObject(path, result.getData()));
            return Optional.of(new Versioned<>(state, result.getStat().getVersion()));
        }, callback -> curator.getData().inBackground(callback).forPath(path));
    }

    /**
     * Writes the elected state only if our latch node still exists and {@code state} is still at
     * {@code version}; fails with {@link PartitionStateConflictException} when either check fails.
     */
    CompletableFuture<Versioned<PartitionState>> writeElected(TopicPartition partition, String latchNode,
                                                              PartitionState elected, int version) {
        String path = ZkPaths.state(partition);
        return call(path, result -> {
            int code = result.getResultCode();
            if (code == KeeperException.Code.BADVERSION.intValue() || code == KeeperException.Code.NONODE.intValue()) {
                throw new PartitionStateConflictException(partition, "election write at version " + version
                        + " failed (" + KeeperException.Code.get(code) + ")", Optional.empty());
            }
            requireOk(result, path);
            List<CuratorTransactionResult> results = result.getOpResults();
            int newVersion = results.get(1).getResultStat().getVersion();
            return new Versioned<>(elected, newVersion);
        }, callback -> curator.transaction().inBackground(callback).forOperations(
                curator.transactionOp().check().forPath(latchNode),
                curator.transactionOp().setData().withVersion(version).forPath(path, Json.bytes(elected.toJson()))));
    }

    /** How many replicas are in the partition's latch (watch armed on its children). */
    CompletableFuture<Integer> latchParticipants(TopicPartition partition, CuratorWatcher watcher) {
        String path = ZkPaths.latch(partition);
        return call(path, result -> {
            requireOk(result, path);
            return result.getChildren().size();
        }, callback -> curator.getChildren().usingWatcher(watcher).inBackground(callback).forPath(path));
    }

    /**
     * The broker ids in the partition's latch in the order the latch serves them (by the sequence
     * number ending each node's name: the first leads). A node that vanishes while being read is left out.
     */
    CompletableFuture<List<Integer>> latchOrder(TopicPartition partition) {
        String path = ZkPaths.latch(partition);
        return call(path, result -> {
            requireOk(result, path);
            return result.getChildren().stream().sorted(Comparator.comparing(PartitionLatch::sequenceOf)).toList();
        }, callback -> curator.getChildren().inBackground(callback).forPath(path)).thenCompose(nodes -> {
            List<CompletableFuture<Optional<Integer>>> ids = nodes.stream().map(node -> participant(path + "/" + node)).toList();
            return CompletableFuture.allOf(ids.toArray(CompletableFuture[]::new)).thenApply(done ->
                    ids.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList());
        });
    }

    private CompletableFuture<Optional<Integer>> participant(String node) {
        return call(node, result -> {
            if (result.getResultCode() == KeeperException.Code.NONODE.intValue()) {
                return Optional.empty();
            }
            requireOk(result, node);
            try {
                return Optional.of(Integer.parseInt(new String(result.getData(), StandardCharsets.UTF_8)));
            } catch (NumberFormatException notABroker) {
                return Optional.empty();
            }
        }, callback -> curator.getData().inBackground(callback).forPath(node));
    }

    /** The registered broker ids. */
    CompletableFuture<Set<Integer>> liveBrokerIds() {
        return call(ZkPaths.BROKER_IDS, result -> {
            requireOk(result, ZkPaths.BROKER_IDS);
            Set<Integer> ids = new HashSet<>();
            for (String child : result.getChildren()) {
                try {
                    ids.add(Integer.parseInt(child));
                } catch (NumberFormatException notABroker) {
                    continue;
                }
            }
            return ids;
        }, callback -> curator.getChildren().inBackground(callback).forPath(ZkPaths.BROKER_IDS));
    }

    private static void requireOk(CuratorEvent result, String path) {
        int code = result.getResultCode();
        if (code != KeeperException.Code.OK.intValue()) {
            throw new CoordinatorException("ZooKeeper call on " + path + " failed: " + KeeperException.Code.get(code),
                    KeeperException.create(KeeperException.Code.get(code), path));
        }
    }

    private interface Decoder<T> {
        T decode(CuratorEvent result);
    }

    private interface Request {
        void send(BackgroundCallback callback) throws Exception;
    }

    private static <T> CompletableFuture<T> call(String path, Decoder<T> decoder, Request request) {
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            request.send((client, event) -> {
                try {
                    future.complete(decoder.decode(event));
                } catch (RuntimeException e) {
                    future.completeExceptionally(e);
                }
            });
        } catch (Exception e) {
            future.completeExceptionally(CoordinatorException.wrap("ZooKeeper call on " + path, e));
        }
        return future;
    }
}
