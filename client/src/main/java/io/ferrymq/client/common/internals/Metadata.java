package io.ferrymq.client.common.internals;

import io.ferrymq.common.Cluster;
import io.ferrymq.common.Node;
import io.ferrymq.common.PartitionInfo;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.errors.InterruptException;
import io.ferrymq.client.common.errors.TimeoutException;
import io.ferrymq.common.protocol.BrokerNode;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.MetadataRequest;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import io.ferrymq.common.protocol.responses.MetadataResponse.PartitionMetadata;
import io.ferrymq.common.protocol.responses.MetadataResponse.TopicMetadata;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client's view of the cluster: the latest {@link Cluster} snapshot, the topics it needs, and
 * when to ask again (at least every {@code metadata.max.age.ms}, sooner when a caller or an error
 * asks, never more often than {@code retry.backoff.ms}). The I/O thread sends the requests and
 * feeds the responses in; caller threads may wait for a newer version.
 *
 * <p>Thread-safe: the snapshot is volatile and the topic set concurrent; the rest is guarded by
 * this object's monitor, which {@link #awaitUpdate} waits on.
 */
public final class Metadata {

    private final List<InetSocketAddress> bootstrap;
    private final long refreshBackoffMs;
    private final long maxAgeMs;
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private volatile Cluster cluster = Cluster.empty();
    private Map<String, ErrorCode> topicErrors = Map.of();
    private boolean needUpdate = true;
    private long lastRefreshMs;
    private long lastAttemptMs = Long.MIN_VALUE / 2;
    private int version;
    private int addressIndex;

    public Metadata(List<InetSocketAddress> bootstrap, long refreshBackoffMs, long maxAgeMs) {
        this.bootstrap = List.copyOf(bootstrap);
        this.refreshBackoffMs = refreshBackoffMs;
        this.maxAgeMs = maxAgeMs;
    }

    public Cluster cluster() {
        return cluster;
    }

    /**
     * Adds a topic of interest; a new one triggers an update that skips the refresh backoff (as Kafka's
     * client does: the backoff guards against retry storms, not against a first look at a topic).
     * Lock-free when already known (every send calls it).
     */
    public void addTopic(String topic) {
        if (!topics.contains(topic)) {
            synchronized (this) {
                if (topics.add(topic)) {
                    needUpdate = true;
                    lastAttemptMs = Long.MIN_VALUE / 2;
                }
            }
        }
    }

    public boolean containsTopic(String topic) {
        return topics.contains(topic);
    }

    /** Asks for an update as soon as the backoff allows; returns the current version to wait on. */
    public synchronized int requestUpdate() {
        needUpdate = true;
        return version;
    }

    public synchronized int version() {
        return version;
    }

    /** Milliseconds until the next request should go out (0 = now). */
    public synchronized long timeToNextUpdate(long nowMs) {
        long backoff = lastAttemptMs + refreshBackoffMs - nowMs;
        long due = needUpdate ? 0 : lastRefreshMs + maxAgeMs - nowMs;
        return Math.max(0, Math.max(backoff, due));
    }

    /** The request for the current topics, and marks an attempt at {@code nowMs}. */
    public synchronized MetadataRequest newRequest(long nowMs) {
        lastAttemptMs = nowMs;
        return MetadataRequest.forTopics(List.copyOf(topics), false);
    }

    /** The broker to ask next: known brokers in rotation, the bootstrap list while none is known. */
    public synchronized InetSocketAddress nextAddress() {
        List<Node> nodes = cluster.nodes();
        addressIndex++;
        if (!nodes.isEmpty() && addressIndex % (nodes.size() + 1) != nodes.size()) {
            Node node = nodes.get(addressIndex % (nodes.size() + 1));
            return InetSocketAddress.createUnresolved(node.host(), node.port());
        }
        return bootstrap.get(Math.floorMod(addressIndex, bootstrap.size()));
    }

    /** Notes a failed request; the next one waits for the backoff. */
    public synchronized void failedUpdate(long nowMs) {
        lastAttemptMs = nowMs;
        needUpdate = true;
    }

    /** Installs a response as the new snapshot and wakes waiters. */
    public synchronized void update(MetadataResponse response, long nowMs) {
        cluster = toCluster(response);
        Map<String, ErrorCode> errors = new HashMap<>();
        boolean leaderMissing = false;
        for (TopicMetadata topic : response.topics()) {
            if (topic.error() != ErrorCode.NONE) {
                errors.put(topic.name(), topic.error());
            }
            leaderMissing |= topic.partitions().stream().anyMatch(p -> p.leaderId() == PartitionMetadata.NO_LEADER);
        }
        topicErrors = Map.copyOf(errors);
        needUpdate = leaderMissing || !errors.isEmpty();
        lastRefreshMs = nowMs;
        version++;
        notifyAll();
    }

    /** The error the last response gave for {@code topic}, if any. */
    public synchronized Optional<ErrorCode> topicError(String topic) {
        return Optional.ofNullable(topicErrors.get(topic));
    }

    /** Waits until the version passes {@code lastVersion}, up to {@code maxWaitMs}. */
    public synchronized void awaitUpdate(int lastVersion, long maxWaitMs) {
        long deadline = System.nanoTime() + maxWaitMs * 1_000_000L;
        try {
            while (version <= lastVersion) {
                long leftMs = (deadline - System.nanoTime()) / 1_000_000L;
                if (leftMs <= 0) {
                    throw new TimeoutException("Metadata not updated within " + maxWaitMs + " ms");
                }
                wait(leftMs);
            }
        } catch (InterruptedException e) {
            throw new InterruptException("Interrupted while waiting for metadata", e);
        }
    }

    /** The client-side snapshot of a Metadata response. */
    public static Cluster toCluster(MetadataResponse response) {
        List<Node> nodes = response.brokers().stream().map(Metadata::toNode).toList();
        List<PartitionInfo> partitions = new ArrayList<>();
        for (TopicMetadata topic : response.topics()) {
            if (topic.error() != ErrorCode.NONE) {
                continue;
            }
            for (PartitionMetadata p : topic.partitions()) {
                OptionalInt leader = p.leaderId() < 0 ? OptionalInt.empty() : OptionalInt.of(p.leaderId());
                partitions.add(new PartitionInfo(new TopicPartition(topic.name(), p.partition()), leader,
                        p.leaderEpoch(), p.replicas(), p.isr(), p.offlineReplicas()));
            }
        }
        return new Cluster(nodes, partitions, Optional.of(response.clusterId()).filter(id -> !id.isEmpty()));
    }

    public static Node toNode(BrokerNode broker) {
        return new Node(broker.id(), broker.host(), broker.port(), broker.rack());
    }
}
