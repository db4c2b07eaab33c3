package io.ferrymq.client.producer.internals;

import io.ferrymq.client.producer.ProducerConfig;
import io.ferrymq.common.Cluster;
import io.ferrymq.common.Node;
import io.ferrymq.common.PartitionInfo;
import io.ferrymq.common.TopicPartition;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The I/O thread's pure view of the {@link RecordAccumulator}: which leaders have sendable
 * batches ({@link #ready}), and which batches go into the next request to a broker
 * ({@link #drain}). A partition is sendable when its first batch is full, has lingered
 * {@code linger.ms}, a flush or close is under way, or callers wait for memory; a retried batch
 * waits {@code retry.backoff.ms}. Time is passed in, so this logic is tested without a clock.
 *
 * <p>Order: a drained partition is muted until {@link #unmute} (its request completed), so at
 * most one request per partition is in flight and retries cannot reorder it. A request may carry
 * several consecutive batches of one partition; the leader appends them together in order. With
 * idempotence a batch sent before goes alone: the leader answers a duplicate with the offsets it got
 * the first time, and a response has one base offset per partition, so a resent batch must not share
 * a request with new ones.
 * Rotation over each broker's partitions keeps drains fair. An idempotent producer's
 * {@link IdempotenceManager} decides which batches may go and stamps their sequences as they are
 * drained. Confined to the I/O thread.
 */
public final class ReadyDrain {

    private final RecordAccumulator accumulator;
    private final IdempotenceManager idempotence;
    private final Set<TopicPartition> muted = new HashSet<>();
    private final Map<Integer, Integer> drainIndex = new HashMap<>();

    /** Without idempotence. */
    public ReadyDrain(RecordAccumulator accumulator) {
        this(accumulator, new IdempotenceManager(ProducerConfig.Idempotence.DISABLED, Integer.MAX_VALUE));
    }

    public ReadyDrain(RecordAccumulator accumulator, IdempotenceManager idempotence) {
        this.accumulator = accumulator;
        this.idempotence = idempotence;
    }

    /** Brokers with a sendable partition, the delay until the next may become sendable, unknown-leader topics. */
    public ReadyCheckResult ready(Cluster cluster, long nowMs) {
        Set<Node> readyNodes = new HashSet<>();
        Set<String> unknownLeaderTopics = new HashSet<>();
        long nextDelay = Long.MAX_VALUE;
        boolean urgent = isUrgent();
        for (Map.Entry<TopicPartition, Deque<ProducerBatch>> entry : accumulator.deques().entrySet()) {
            TopicPartition tp = entry.getKey();
            Deque<ProducerBatch> deque = entry.getValue();
            ProducerBatch first;
            boolean full;
            synchronized (deque) {
                first = deque.peekFirst();
                full = deque.size() > 1 || (first != null && first.isFull());
            }
            if (first == null || muted.contains(tp)) {
                continue;
            }
            Optional<Node> leader = cluster.leaderFor(tp);
            if (leader.isEmpty()) {
                unknownLeaderTopics.add(tp.topic());
                continue;
            }
            long waitMs = waitBeforeSend(first, full || urgent, nowMs);
            if (waitMs <= 0) {
                readyNodes.add(leader.get());
            } else {
                nextDelay = Math.min(nextDelay, waitMs);
            }
        }
        return new ReadyCheckResult(readyNodes, nextDelay, unknownLeaderTopics);
    }

    private boolean isUrgent() {
        return accumulator.pool().queued() > 0 || accumulator.isClosed() || accumulator.flushInProgress();
    }

    private long waitBeforeSend(ProducerBatch batch, boolean sendNow, long nowMs) {
        long waitedMs = nowMs - batch.lastAttemptMs();
        if (batch.attempts() > 0) {
            return accumulator.config().retryBackoffMs() - waitedMs;
        }
        return sendNow ? 0 : accumulator.config().lingerMs() - waitedMs;
    }

    /**
     * Takes, for each broker in {@code nodes}, batches of its unmuted partitions up to
     * {@code maxRequestSize} bytes (at least one batch), closes them and mutes their partitions.
     */
    public Map<Integer, List<ProducerBatch>> drain(Cluster cluster, Set<Node> nodes, int maxRequestSize, long nowMs) {
        Map<Integer, List<ProducerBatch>> drained = new HashMap<>();
        for (Node node : nodes) {
            List<ProducerBatch> ready = drainNode(cluster.partitionsForNode(node.id()), node.id(), maxRequestSize, nowMs);
            if (!ready.isEmpty()) {
                drained.put(node.id(), ready);
            }
        }
        return drained;
    }

    private List<ProducerBatch> drainNode(List<PartitionInfo> partitions, int nodeId, int maxSize, long nowMs) {
        List<ProducerBatch> ready = new ArrayList<>();
        if (partitions.isEmpty()) {
            return ready;
        }
        int start = drainIndex.getOrDefault(nodeId, 0) % partitions.size();
        boolean urgent = isUrgent();
        int size = 0;
        for (int i = 0; i < partitions.size() && size < maxSize; i++) {
            TopicPartition tp = partitions.get((start + i) % partitions.size()).topicPartition();
            Deque<ProducerBatch> deque = accumulator.deques().get(tp);
            if (deque == null || muted.contains(tp)) {
                continue;
            }
            int before = ready.size();
            size = drainPartition(deque, ready, size, maxSize, urgent, nowMs);
            if (ready.size() > before) {
                muted.add(tp);
            }
        }
        drainIndex.put(nodeId, start + 1);
        return ready;
    }

    private int drainPartition(Deque<ProducerBatch> deque, List<ProducerBatch> ready, int size, int maxSize,
                               boolean urgent, long nowMs) {
        synchronized (deque) {
            ProducerBatch first = deque.peekFirst();
            if (first == null || (first.attempts() > 0 && waitBeforeSend(first, true, nowMs) > 0)) {
                return size;
            }
            boolean sentBefore = false;
            int taken = 0;
            while (!deque.isEmpty()) {
                ProducerBatch batch = deque.peekFirst();
                if (!idempotence.canSend(batch) || waitsForItsOwnRequest(batch, sentBefore, taken)) {
                    break;
                }
                boolean stillFilling = deque.size() == 1 && !batch.isFull();
                if (batch != first && waitBeforeSend(batch, urgent || !stillFilling, nowMs) > 0) {
                    break;
                }
                if (!ready.isEmpty() && size + batch.estimatedSizeInBytes() > maxSize) {
                    break;
                }
                deque.pollFirst();
                idempotence.assignSequence(batch);
                batch.close();
                batch.drained(nowMs);
                size += batch.estimatedSizeInBytes();
                ready.add(batch);
                sentBefore = batch.attempts() > 0;
                taken++;
            }
        }
        return size;
    }

    /**
     * With idempotence a batch sent before goes alone in its request (see the class javadoc): it waits
     * when batches precede it in this drain, and nothing follows it.
     */
    private boolean waitsForItsOwnRequest(ProducerBatch batch, boolean resentTaken, int taken) {
        return idempotence.isEnabled() && (resentTaken || batch.attempts() > 0 && taken > 0);
    }

    /** Lets the partition be drained again once its in-flight request has completed. */
    public void unmute(TopicPartition tp) {
        muted.remove(tp);
    }

    public boolean isMuted(TopicPartition tp) {
        return muted.contains(tp);
    }

    /** True when some partition has a queued batch. */
    public boolean hasUndrained() {
        for (Deque<ProducerBatch> deque : accumulator.deques().values()) {
            synchronized (deque) {
                if (!deque.isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }
}
