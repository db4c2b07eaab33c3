package io.ferrymq.broker.replication;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An acks=all produce request waiting until the high watermark of every partition it wrote to
 * passes its batch. Each partition waits on its own {@code requiredOffset} (last offset + 1) and
 * on the leader epoch it was appended in; the response goes out when all partitions are decided,
 * and partitions still pending when the request's timeout runs out get {@code REQUEST_TIMED_OUT}.
 *
 * <p>Thread-safety: the per-partition state is touched only under the operation's lock (in
 * {@link #tryComplete()} and {@link #onExpiration()}); the response callback runs once.
 */
public final class DelayedProduce extends DelayedOperation {

    /** What one partition of the request waits for. */
    public record PendingAppend(long requiredOffset, int leaderEpoch, PartitionProduceResult appended) {
    }

    private final Map<TopicPartition, PendingAppend> pending;
    private final Map<TopicPartition, PartitionProduceResult> results;
    private final ReplicationCheck check;
    private final Consumer<Map<TopicPartition, PartitionProduceResult>> respond;

    /**
     * @param decided partitions already answered (errors at append time), kept as they are
     * @param pending partitions appended and waiting for replication
     */
    public DelayedProduce(
            long timeoutMs, Map<TopicPartition, PartitionProduceResult> decided,
            Map<TopicPartition, PendingAppend> pending, ReplicationCheck check,
            Consumer<Map<TopicPartition, PartitionProduceResult>> respond) {
        super(timeoutMs);
        this.pending = new LinkedHashMap<>(pending);
        this.results = new LinkedHashMap<>(decided);
        this.check = check;
        this.respond = respond;
    }

    @Override
    protected boolean tryComplete() {
        pending.entrySet().removeIf(entry -> {
            PendingAppend append = entry.getValue();
            Optional<ErrorCode> outcome = check.check(entry.getKey(), append.requiredOffset(), append.leaderEpoch());
            outcome.ifPresent(error -> results.put(entry.getKey(), error == ErrorCode.NONE
                    ? append.appended()
                    : append.appended().withError(error, error.defaultMessage() + " (" + entry.getKey() + ")")));
            return outcome.isPresent();
        });
        return pending.isEmpty() && forceComplete();
    }

    @Override
    protected void onExpiration() {
        pending.forEach((partition, append) -> results.put(partition, append.appended().withError(
                ErrorCode.REQUEST_TIMED_OUT,
                "Timed out after " + delayMs() + " ms waiting for the in-sync replicas of " + partition
                        + " to reach offset " + append.requiredOffset())));
        pending.clear();
    }

    @Override
    protected void onComplete() {
        respond.accept(Map.copyOf(results));
    }
}
