package io.ferrymq.client.consumer.internals;

import io.ferrymq.common.Cluster;
import io.ferrymq.common.Node;
import io.ferrymq.common.PartitionInfo;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.internals.ErrorMapping;
import io.ferrymq.client.common.internals.Requests;
import io.ferrymq.client.consumer.OffsetResetStrategy;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.ListOffsetsRequest;
import io.ferrymq.common.protocol.responses.ListOffsetsResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ListOffsets for the consumer: resolves pending position resets (earliest, latest) in the
 * background of {@code poll}, and answers explicit lookups (beginning/end offsets, offsets for
 * times) as futures. Requests go to each partition's leader; a partition whose leader is unknown
 * or moved triggers a metadata refresh and is retried on a later round.
 *
 * <p>Confined to the consumer's thread; responses arrive as events on its queue.
 */
public final class OffsetLookup {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetLookup.class);

    private final FetcherContext context;
    private final Set<TopicPartition> resetsInFlight = new HashSet<>();
    private long nextResetAttemptMs;

    public OffsetLookup(FetcherContext context) {
        this.context = context;
    }

    /** Sends ListOffsets for partitions awaiting a reset that have none in flight (respecting the backoff). */
    public void maybeSendResets(long nowMs) {
        if (nowMs < nextResetAttemptMs) {
            return;
        }
        Map<TopicPartition, Long> targets = new LinkedHashMap<>();
        Map<TopicPartition, OffsetResetStrategy> strategies = context.subscriptions().partitionsNeedingReset();
        strategies.forEach((tp, strategy) -> {
            if (!resetsInFlight.contains(tp)) {
                targets.put(tp, strategy == OffsetResetStrategy.EARLIEST
                        ? ListOffsetsRequest.EARLIEST_TIMESTAMP : ListOffsetsRequest.LATEST_TIMESTAMP);
            }
        });
        if (targets.isEmpty()) {
            return;
        }
        resetsInFlight.addAll(targets.keySet());
        lookup(targets, results -> {
            resetsInFlight.removeAll(targets.keySet());
            results.forEach((tp, result) -> {
                if (result.error() == ErrorCode.NONE && result.offset() >= 0) {
                    context.subscriptions().completeReset(tp, strategies.get(tp), result.offset());
                } else {
                    LOG.debug("Offset reset of {} failed with {}; will retry", tp, result.error());
                    nextResetAttemptMs = context.clock().millis() + context.config().retryBackoffMs();
                }
            });
        });
    }

    /** Looks up offsets per partition ({@code -2} earliest, {@code -1} latest, else a timestamp). */
    public CompletableFuture<Map<TopicPartition, ListOffsetsResponse.PartitionResponse>> lookup(
            Map<TopicPartition, Long> timestamps) {
        CompletableFuture<Map<TopicPartition, ListOffsetsResponse.PartitionResponse>> future = new CompletableFuture<>();
        lookup(timestamps, future::complete);
        return future;
    }

    private void lookup(Map<TopicPartition, Long> timestamps,
                        Consumer<Map<TopicPartition, ListOffsetsResponse.PartitionResponse>> done) {
        Cluster cluster = context.metadata().cluster();
        Map<Node, List<ListOffsetsRequest.PartitionData>> byNode = new LinkedHashMap<>();
        Map<TopicPartition, ListOffsetsResponse.PartitionResponse> results = new HashMap<>();
        timestamps.forEach((tp, timestamp) -> {
            Node leader = cluster.leaderFor(tp).orElse(null);
            if (leader == null) {
                context.metadata().addTopic(tp.topic());
                context.metadata().requestUpdate();
                results.put(tp, failure(tp, ErrorCode.LEADER_NOT_AVAILABLE));
            } else {
                int epoch = cluster.partition(tp).map(PartitionInfo::leaderEpoch).orElse(-1);
                byNode.computeIfAbsent(leader, n -> new ArrayList<>())
                        .add(new ListOffsetsRequest.PartitionData(tp, timestamp, epoch));
            }
        });
        if (byNode.isEmpty()) {
            done.accept(results);
            return;
        }
        int[] pending = {byNode.size()};
        byNode.forEach((node, partitions) -> Requests.send(context.channel(), Requests.address(node),
                new ListOffsetsRequest(-1, partitions)).whenComplete((response, error) -> context.events().post(() -> {
                    collect(partitions, response, error, results);
                    if (--pending[0] == 0) {
                        done.accept(results);
                    }
                })));
    }

    private void collect(List<ListOffsetsRequest.PartitionData> partitions, ApiResponse response, Throwable error,
                         Map<TopicPartition, ListOffsetsResponse.PartitionResponse> results) {
        if (error == null && response instanceof ListOffsetsResponse list) {
            list.partitions().forEach(p -> results.put(p.topicPartition(), p));
        }
        ErrorCode failure = error != null ? ErrorMapping.codeOf(error) : ErrorCode.UNKNOWN_SERVER_ERROR;
        for (ListOffsetsRequest.PartitionData p : partitions) {
            results.putIfAbsent(p.topicPartition(), failure(p.topicPartition(), failure));
            if (ErrorMapping.isStaleMetadata(results.get(p.topicPartition()).error())) {
                context.metadata().requestUpdate();
            }
        }
    }

    /**
     * Looks up offsets, retrying retriable errors (after a metadata refresh) until {@code timeoutMs}.
     *
     * @throws io.ferrymq.common.errors.ApiException naming the partition for a non-retriable error
     */
    public Map<TopicPartition, ListOffsetsResponse.PartitionResponse> lookupBlocking(
            Map<TopicPartition, Long> query, long timeoutMs, ConsumerNetwork network) {
        long deadline = context.clock().millis() + timeoutMs;
        Map<TopicPartition, Long> remaining = new HashMap<>(query);
        Map<TopicPartition, ListOffsetsResponse.PartitionResponse> done = new HashMap<>();
        query.keySet().forEach(tp -> context.metadata().addTopic(tp.topic()));
        while (!remaining.isEmpty()) {
            CompletableFuture<Map<TopicPartition, ListOffsetsResponse.PartitionResponse>> future = lookup(remaining);
            network.awaitCondition(future::isDone, Math.max(0, deadline - context.clock().millis()),
                    "the offsets of " + remaining.keySet(), () -> { });
            for (ListOffsetsResponse.PartitionResponse r : future.join().values()) {
                if (r.error() == ErrorCode.NONE) {
                    done.put(r.topicPartition(), r);
                    remaining.remove(r.topicPartition());
                } else if (!r.error().isRetriable() || context.clock().millis() >= deadline) {
                    throw r.error().exception("Listing offsets of " + r.topicPartition() + " failed: "
                            + r.error().defaultMessage());
                }
            }
            if (!remaining.isEmpty()) {
                network.sleep(Math.min(context.config().retryBackoffMs(), deadline - context.clock().millis()));
            }
        }
        return done;
    }

    private static ListOffsetsResponse.PartitionResponse failure(TopicPartition tp, ErrorCode error) {
        return new ListOffsetsResponse.PartitionResponse(tp, error, -1, -1, -1);
    }
}
