package io.ferrymq.coordinator.metadata;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.zk.CoordinatorException;
import io.ferrymq.common.json.Json;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;

/**
 * Creates the znodes of new partitions — {@code partitions/<p>}, its {@code state} (initial: no
 * leader, epoch -1, ISR = all replicas) and its {@code latch} folder, all PERSISTENT — in bulk:
 * transactions of at most {@value #OPS_PER_TRANSACTION} operations, sent asynchronously together
 * and awaited. Latches therefore never create parents. Thread-safe.
 */
final class PartitionZnodes {

    static final int OPS_PER_TRANSACTION = 900;

    private final CuratorFramework curator;
    private final long timeoutMs;

    PartitionZnodes(CuratorFramework curator, long timeoutMs) {
        this.curator = curator;
        this.timeoutMs = timeoutMs;
    }

    /**
     * Creates the znodes of every partition in {@code assignment} under an existing
     * {@code /topics/<topic>/partitions}.
     *
     * @return false when some partition already existed (a concurrent writer got there first)
     */
    boolean create(String topic, Map<Integer, List<Integer>> assignment) {
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        List<CuratorOp> batch = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> entry : assignment.entrySet()) {
            TopicPartition tp = new TopicPartition(topic, entry.getKey());
            byte[] state = Json.bytes(PartitionState.initial(entry.getValue()).toJson());
            try {
                batch.add(curator.transactionOp().create().forPath(ZkPaths.partition(tp)));
                batch.add(curator.transactionOp().create().forPath(ZkPaths.state(tp), state));
                batch.add(curator.transactionOp().create().forPath(ZkPaths.latch(tp)));
            } catch (Exception e) {
                throw CoordinatorException.wrap("preparing the znodes of " + tp, e);
            }
            if (batch.size() >= OPS_PER_TRANSACTION) {
                results.add(send(batch));
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            results.add(send(batch));
        }
        boolean allCreated = true;
        for (CompletableFuture<Integer> result : results) {
            int code = await(topic, result);
            if (code == KeeperException.Code.NODEEXISTS.intValue()) {
                allCreated = false;
            } else if (code != KeeperException.Code.OK.intValue()) {
                throw new CoordinatorException("creating partition znodes of " + topic + " failed: "
                        + KeeperException.Code.get(code));
            }
        }
        return allCreated;
    }

    private CompletableFuture<Integer> send(List<CuratorOp> ops) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        try {
            curator.transaction().inBackground((client, event) -> result.complete(event.getResultCode()))
                    .forOperations(ops);
        } catch (Exception e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    private int await(String topic, CompletableFuture<Integer> result) {
        try {
            return result.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw CoordinatorException.wrap("creating partition znodes of " + topic, e);
        }
    }
}
