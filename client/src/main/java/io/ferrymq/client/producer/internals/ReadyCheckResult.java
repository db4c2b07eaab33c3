package io.ferrymq.client.producer.internals;

import io.ferrymq.common.Node;
import java.util.Set;

/**
 * The outcome of {@link RecordAccumulator#ready}: brokers with at least one sendable partition,
 * how long until the next batch may become sendable, and topics with queued batches whose leader
 * is unknown (a reason to refresh metadata).
 */
public record ReadyCheckResult(Set<Node> readyNodes, long nextReadyCheckDelayMs, Set<String> unknownLeaderTopics) {
}
