package io.ferrymq.it.storage;

import static org.awaitility.Awaitility.await;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.it.harness.FerryCluster;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Measures how long after a fault each partition's leadership left a broker: polls the partitions'
 * state in ZooKeeper (the source of truth, as {@link FerryCluster#partitionState}) every 20 ms and
 * records, per partition, the first poll that shows a leader other than the broker. The times are upper
 * bounds (the moment of the fault is taken before it is injected; a poll is up to 20 ms late). Stateless.
 */
final class LeadershipMoves {

    private static final Duration POLL = Duration.ofMillis(20);

    private LeadershipMoves() {
    }

    /**
     * Waits until none of {@code partitions} is led by {@code broker} any more; returns, per partition, the
     * time from {@code faultAtNanos} to the poll that saw its new leader. Throws naming the partitions
     * that did not move within {@code timeout}.
     */
    static Map<Integer, Duration> measure(FerryCluster cluster, String topic, Set<Integer> partitions, int broker,
                                        long faultAtNanos, Duration timeout) {
        Map<Integer, Duration> moved = new TreeMap<>();
        try {
            await("leadership of " + topic + " " + partitions + " to leave broker " + broker).atMost(timeout)
                    .pollInterval(POLL).pollInSameThread().until(() -> {
                        for (int p : partitions) {
                            if (!moved.containsKey(p) && isLedByAnother(cluster, new TopicPartition(topic, p), broker)) {
                                moved.put(p, Duration.ofNanos(System.nanoTime() - faultAtNanos));
                            }
                        }
                        return moved.size() == partitions.size();
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("within " + timeout + " of the fault only partitions " + moved
                    + " of " + partitions + " moved away from broker " + broker, e);
        }
        return moved;
    }

    private static boolean isLedByAnother(FerryCluster cluster, TopicPartition tp, int broker) {
        PartitionState state = cluster.partitionState(tp).orElseThrow();
        return state.hasLeader() && state.leader() != broker;
    }
}
