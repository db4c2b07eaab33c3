package io.ferrymq.client.consumer.internals;

import io.ferrymq.common.Cluster;
import io.ferrymq.common.Node;
import io.ferrymq.common.PartitionInfo;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.internals.ErrorMapping;
import io.ferrymq.client.common.internals.EventQueue;
import io.ferrymq.client.common.internals.Metadata;
import io.ferrymq.client.common.internals.RequestChannel;
import io.ferrymq.client.common.internals.Requests;
import io.ferrymq.client.consumer.ConsumerConfig;
import io.ferrymq.client.consumer.ConsumerRecord;
import io.ferrymq.client.consumer.OffsetResetStrategy;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.responses.FetchResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches for the consumer: at most one Fetch request in flight per leader, covering that leader's
 * fetchable partitions that have no buffered data, so the next response is on its way while the
 * application processes the last one (pipelining). Responses are buffered as {@link CompletedFetch}es
 * and turned into records by {@link #collect}, at most {@code max.poll.records} per call, advancing
 * positions. Data fetched for a position that changed since (seek, reset, unassign) is dropped.
 *
 * <p>Confined to the consumer's thread; responses arrive as events on its {@link EventQueue}.
 */
public final class Fetcher<K, V> {

    private static final Logger LOG = LoggerFactory.getLogger(Fetcher.class);

    private final ConsumerConfig config;
    private final SubscriptionState subscriptions;
    private final Metadata metadata;
    private final RequestChannel channel;
    private final EventQueue events;
    private final Deserializers<K, V> deserializers;
    private final Set<Integer> nodesWithPendingFetch = new HashSet<>();
    private final ArrayDeque<CompletedFetch> completed = new ArrayDeque<>();

    public Fetcher(FetcherContext context, Deserializers<K, V> deserializers) {
        this.config = context.config();
        this.subscriptions = context.subscriptions();
        this.metadata = context.metadata();
        this.channel = context.channel();
        this.events = context.events();
        this.deserializers = deserializers;
    }

    /** Sends a Fetch to each leader of fetchable, unbuffered partitions that has none in flight; returns how many. */
    public int sendFetches() {
        Cluster cluster = metadata.cluster();
        Set<TopicPartition> buffered = new HashSet<>();
        completed.forEach(c -> buffered.add(c.partition()));
        Map<Node, List<FetchRequest.PartitionData>> byNode = new LinkedHashMap<>();
        for (TopicPartition tp : subscriptions.fetchablePartitions()) {
            if (buffered.contains(tp)) {
                continue;
            }
            Node leader = cluster.leaderFor(tp).orElse(null);
            if (leader == null) {
                metadata.addTopic(tp.topic());
                metadata.requestUpdate();
            } else if (!nodesWithPendingFetch.contains(leader.id())) {
                int epoch = cluster.partition(tp).map(PartitionInfo::leaderEpoch).orElse(-1);
                byNode.computeIfAbsent(leader, n -> new ArrayList<>()).add(new FetchRequest.PartitionData(tp,
                        subscriptions.position(tp).getAsLong(), epoch, config.maxPartitionFetchBytes()));
            }
        }
        byNode.forEach(this::sendFetch);
        return byNode.size();
    }

    private void sendFetch(Node node, List<FetchRequest.PartitionData> partitions) {
        FetchRequest request = new FetchRequest(FetchRequest.CONSUMER_REPLICA_ID, config.fetchMaxWaitMs(),
                config.fetchMinBytes(), config.fetchMaxBytes(), partitions);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        partitions.forEach(p -> offsets.put(p.topicPartition(), p.fetchOffset()));
        nodesWithPendingFetch.add(node.id());
        Requests.send(channel, Requests.address(node), request).whenComplete((response, error) ->
                events.post(() -> handleResponse(node, offsets, response, error)));
    }

    private void handleResponse(Node node, Map<TopicPartition, Long> offsets, ApiResponse response, Throwable error) {
        nodesWithPendingFetch.remove(node.id());
        if (error != null || !(response instanceof FetchResponse fetch)) {
            LOG.debug("Fetch from {} failed: {}", node, error != null ? error.toString() : response);
            if (error == null || ErrorMapping.isStaleMetadata(ErrorMapping.codeOf(error))) {
                metadata.requestUpdate();
            }
            return;
        }
        if (fetch.error() != ErrorCode.NONE) {
            LOG.debug("Fetch from {} failed as a whole: {}", node, fetch.error());
            metadata.requestUpdate();
            return;
        }
        for (FetchResponse.PartitionData data : fetch.partitions()) {
            Long fetchOffset = offsets.get(data.topicPartition());
            if (fetchOffset != null) {
                completed.add(new CompletedFetch(data, fetchOffset));
            }
        }
    }

    /** Records from buffered responses, at most {@code max.poll.records}, advancing positions. */
    public Map<TopicPartition, List<ConsumerRecord<K, V>>> collect() {
        Map<TopicPartition, List<ConsumerRecord<K, V>>> result = new LinkedHashMap<>();
        int remaining = config.maxPollRecords();
        while (remaining > 0 && !completed.isEmpty()) {
            CompletedFetch fetch = completed.peekFirst();
            TopicPartition tp = fetch.partition();
            if (!isStillWanted(fetch)) {
                completed.pollFirst();
                continue;
            }
            if (fetch.error() != ErrorCode.NONE) {
                completed.pollFirst();
                handlePartitionError(fetch);
                continue;
            }
            subscriptions.updateHighWatermark(tp, fetch.highWatermark());
            int capacity = remaining;
            List<ConsumerRecord<K, V>> records = result.computeIfAbsent(tp, k -> new ArrayList<>(capacity));
            remaining -= fetch.drainInto(records, remaining, deserializers);
            subscriptions.advance(tp, fetch.nextOffset());
            if (records.isEmpty()) {
                result.remove(tp);
            }
            if (fetch.isConsumed()) {
                completed.pollFirst();
            }
        }
        return result;
    }

    private boolean isStillWanted(CompletedFetch fetch) {
        TopicPartition tp = fetch.partition();
        return subscriptions.isFetchable(tp) && subscriptions.position(tp).getAsLong() == fetch.nextOffset();
    }

    private void handlePartitionError(CompletedFetch fetch) {
        TopicPartition tp = fetch.partition();
        ErrorCode error = fetch.error();
        if (error == ErrorCode.OFFSET_OUT_OF_RANGE) {
            OffsetResetStrategy strategy = config.autoOffsetReset();
            if (strategy == OffsetResetStrategy.NONE) {
                throw error.exception("Fetch position " + fetch.fetchOffset() + " is out of range for partition " + tp
                        + " and auto.offset.reset=none");
            }
            LOG.info("Fetch position {} is out of range for {}; resetting to {}", fetch.fetchOffset(), tp, strategy);
            subscriptions.requestReset(tp, strategy);
        } else if (ErrorMapping.isStaleMetadata(error) || error.isRetriable()) {
            LOG.debug("Fetch of {} got {}; refreshing metadata", tp, error);
            metadata.requestUpdate();
        } else {
            throw error.exception("Fetch of " + tp + " at offset " + fetch.fetchOffset() + " failed: "
                    + error.defaultMessage());
        }
    }

    /** True when some buffered response still holds data or an error for an assigned partition. */
    public boolean hasBufferedData() {
        return completed.stream().anyMatch(this::isStillWanted);
    }

    /** Drops buffered data of partitions no longer fetchable (e.g. after pause or unassign). */
    public void clearBufferedDataFor(Set<TopicPartition> partitions) {
        completed.removeIf(c -> partitions.contains(c.partition()));
    }
}
