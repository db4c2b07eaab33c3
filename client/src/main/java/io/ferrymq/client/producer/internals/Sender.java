package io.ferrymq.client.producer.internals;

import io.ferrymq.common.Cluster;
import io.ferrymq.common.Node;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.errors.TimeoutException;
import io.ferrymq.client.common.errors.InterruptException;
import io.ferrymq.client.common.internals.ErrorMapping;
import io.ferrymq.client.common.internals.EventQueue;
import io.ferrymq.client.common.internals.MetadataRefresher;
import io.ferrymq.client.common.internals.Requests;
import io.ferrymq.client.common.internals.Metadata;
import io.ferrymq.client.common.internals.RequestChannel;
import io.ferrymq.client.producer.ProducerConfig;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import io.ferrymq.common.protocol.responses.ProduceResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's one I/O thread: refreshes metadata, drains ready batches into one Produce
 * request per leader (at most {@code max.in.flight.requests.per.connection} unanswered per broker,
 * one per partition), and completes, retries or expires batches. Network completions arrive on
 * channel threads and are queued as events, so batches, callbacks and the {@link ReadyDrain}
 * state are touched by this thread only.
 *
 * <p>Shutdown: {@link #initiateClose()} lets it send what is queued and stop once every batch has
 * completed; {@link #forceClose()} fails what is left. The channel belongs to the caller.
 */
public final class Sender implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
    private static final long MAX_POLL_MS = 200;

    private final ProducerConfig config;
    private final RecordAccumulator accumulator;
    private final ReadyDrain readyDrain;
    private final Metadata metadata;
    private final RequestChannel channel;
    private final Clock clock;
    private final EventQueue events = new EventQueue();
    private final MetadataRefresher metadataRefresher;
    private final Map<Integer, Integer> inFlight = new HashMap<>();
    private volatile boolean running = true;
    private volatile boolean forceClose;

    public Sender(ProducerConfig config, RecordAccumulator accumulator, Metadata metadata, RequestChannel channel,
                  Clock clock) {
        this.config = config;
        this.accumulator = accumulator;
        this.readyDrain = new ReadyDrain(accumulator);
        this.metadata = metadata;
        this.channel = channel;
        this.clock = clock;
        this.metadataRefresher = new MetadataRefresher(metadata, channel, events, clock);
    }

    @Override
    public void run() {
        try {
            while (running) {
                runOnce();
            }
            while (!forceClose && (accumulator.hasIncomplete() || accumulator.hasAppendsInProgress())) {
                runOnce();
            }
        } catch (RuntimeException e) {
            LOG.error("Producer I/O thread failed; failing every pending record", e);
        } finally {
            accumulator.abortIncompleteBatches(new IllegalStateException("Producer closed before the record was sent"));
            accumulator.pool().close();
        }
    }

    /** One round: handle completions, refresh metadata, send what is ready, expire, then wait. */
    void runOnce() {
        events.runPending();
        long nowMs = clock.millis();
        long metadataWait = metadataRefresher.maybeUpdate(nowMs);
        long sendWait = sendProducerData(nowMs);
        waitForEvent(Math.min(MAX_POLL_MS, Math.min(metadataWait, sendWait)));
    }

    private long sendProducerData(long nowMs) {
        Cluster cluster = metadata.cluster();
        ReadyCheckResult ready = readyDrain.ready(cluster, nowMs);
        if (!ready.unknownLeaderTopics().isEmpty()) {
            ready.unknownLeaderTopics().forEach(metadata::addTopic);
            metadata.requestUpdate();
        }
        Set<Node> sendable = ready.readyNodes().stream()
                .filter(n -> inFlight.getOrDefault(n.id(), 0) < config.maxInFlightRequestsPerConnection())
                .collect(Collectors.toSet());
        Map<Integer, List<ProducerBatch>> drained = readyDrain.drain(cluster, sendable, config.maxRequestSize(), nowMs);
        for (ProducerBatch expired : accumulator.expiredBatches(nowMs)) {
            fail(expired, new TimeoutException("Expiring " + expired.recordCount() + " record(s) for "
                    + expired.topicPartition() + ": " + (nowMs - expired.createdMs())
                    + " ms has passed since batch creation (delivery.timeout.ms=" + config.deliveryTimeoutMs() + ")"));
        }
        drained.forEach((nodeId, batches) -> sendProduceRequest(cluster.node(nodeId).orElseThrow(), batches, nowMs));
        return drained.isEmpty() ? ready.nextReadyCheckDelayMs() : 0;
    }

    private void sendProduceRequest(Node node, List<ProducerBatch> batches, long nowMs) {
        Map<TopicPartition, List<ProducerBatch>> byPartition = new LinkedHashMap<>();
        batches.forEach(b -> byPartition.computeIfAbsent(b.topicPartition(), tp -> new ArrayList<>(1)).add(b));
        List<ProduceRequest.PartitionData> partitions = new ArrayList<>(byPartition.size());
        byPartition.forEach((tp, list) -> partitions.add(new ProduceRequest.PartitionData(tp,
                RecordSource.concat(list.stream().map(b -> RecordSource.of(b.records())).toList()))));
        ProduceRequest request = new ProduceRequest(config.acks(), config.requestTimeoutMs(), partitions);
        inFlight.merge(node.id(), 1, Integer::sum);
        Requests.send(channel, Requests.address(node), request).whenComplete((response, error) ->
                events.post(() -> handleProduceResponse(node, byPartition, response, error)));
    }

    private void handleProduceResponse(Node node, Map<TopicPartition, List<ProducerBatch>> sent,
                                       ApiResponse response, Throwable error) {
        long nowMs = clock.millis();
        inFlight.merge(node.id(), -1, Integer::sum);
        Map<TopicPartition, ProduceResponse.PartitionResponse> results = new HashMap<>();
        if (error == null && response instanceof ProduceResponse produce) {
            produce.partitions().forEach(p -> results.put(p.topicPartition(), p));
        }
        sent.forEach((tp, batches) -> {
            readyDrain.unmute(tp);
            if (error != null) {
                LOG.debug("Produce request to {} failed", node, error);
                handleError(tp, batches, ErrorMapping.codeOf(error), String.valueOf(error.getMessage()), nowMs);
            } else if (config.acks() == 0) {
                completeAll(batches, -1, -1);
            } else if (!results.containsKey(tp)) {
                handleError(tp, batches, ErrorCode.UNKNOWN_SERVER_ERROR, "the broker's response lacked this partition", nowMs);
            } else if (results.get(tp).error() == ErrorCode.NONE) {
                completeAll(batches, results.get(tp).baseOffset(), results.get(tp).logAppendTimeMs());
            } else {
                handleError(tp, batches, results.get(tp).error(), results.get(tp).errorMessage(), nowMs);
            }
        });
    }

    private void completeAll(List<ProducerBatch> batches, long baseOffset, long logAppendTime) {
        long offset = baseOffset;
        for (ProducerBatch batch : batches) {
            batch.complete(offset, logAppendTime, Optional.empty());
            accumulator.deallocate(batch);
            offset = offset < 0 ? -1 : offset + batch.recordCount();
        }
    }

    private void handleError(TopicPartition tp, List<ProducerBatch> batches, ErrorCode error, String message,
                             long nowMs) {
        if (ErrorMapping.isStaleMetadata(error)) {
            metadata.requestUpdate();
        }
        for (int i = batches.size() - 1; i >= 0; i--) {
            ProducerBatch batch = batches.get(i);
            if (canRetry(batch, error, nowMs)) {
                LOG.debug("Retrying {} after {}: {}", batch, error, message);
                accumulator.reenqueue(batch, nowMs);
            } else {
                fail(batch, error.exception("Failed to send " + batch.recordCount() + " record(s) to " + tp
                        + " after " + (batch.attempts() + 1) + " attempt(s): " + message));
            }
        }
    }

    private boolean canRetry(ProducerBatch batch, ErrorCode error, long nowMs) {
        return error.isRetriable() && batch.attempts() < config.retries()
                && !batch.hasReachedDeliveryTimeout(config.deliveryTimeoutMs(), nowMs) && !forceClose;
    }

    private void fail(ProducerBatch batch, RuntimeException error) {
        batch.complete(-1, -1, Optional.of(error));
        accumulator.deallocate(batch);
    }

    private void waitForEvent(long maxWaitMs) {
        try {
            events.awaitAndRun(maxWaitMs);
        } catch (InterruptException e) {
            running = false;
        }
    }

    /** Wakes the thread early, e.g. when a batch became full. */
    public void wakeup() {
        events.wakeup();
    }

    /** Stops accepting records; the thread sends what is queued and exits when all completed. */
    public void initiateClose() {
        accumulator.close();
        running = false;
        wakeup();
    }

    /** Stops at once; pending records fail. */
    public void forceClose() {
        forceClose = true;
        initiateClose();
    }
}
