package io.ferrymq.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable snapshot of cluster metadata as a client learnt it from a Metadata response:
 * live brokers, and for each known topic its partitions with leader and replicas. A client swaps
 * in a new snapshot on every refresh, so readers never see a half-updated view.
 *
 * <p>Immutable and thread-safe.
 */
public final class Cluster {

    private static final Cluster EMPTY = new Cluster(List.of(), List.of(), Optional.empty());

    private final Map<Integer, Node> nodesById;
    private final Map<TopicPartition, PartitionInfo> partitions;
    private final Map<String, List<PartitionInfo>> byTopic;
    private final Map<String, List<PartitionInfo>> availableByTopic;
    private final Map<Integer, List<PartitionInfo>> byLeader;
    private final Optional<String> clusterId;

    public Cluster(List<Node> nodes, List<PartitionInfo> partitionInfos, Optional<String> clusterId) {
        Map<Integer, Node> nodeMap = new HashMap<>();
        nodes.forEach(n -> nodeMap.put(n.id(), n));
        Map<TopicPartition, PartitionInfo> partitionMap = new HashMap<>();
        Map<String, List<PartitionInfo>> topics = new HashMap<>();
        Map<String, List<PartitionInfo>> available = new HashMap<>();
        Map<Integer, List<PartitionInfo>> leaders = new HashMap<>();
        for (PartitionInfo info : partitionInfos) {
            partitionMap.put(info.topicPartition(), info);
            topics.computeIfAbsent(info.topic(), t -> new ArrayList<>()).add(info);
            List<PartitionInfo> up = available.computeIfAbsent(info.topic(), t -> new ArrayList<>());
            if (info.leader().isPresent() && nodeMap.containsKey(info.leader().getAsInt())) {
                up.add(info);
                leaders.computeIfAbsent(info.leader().getAsInt(), n -> new ArrayList<>()).add(info);
            }
        }
        topics.values().forEach(l -> l.sort((a, b) -> Integer.compare(a.partition(), b.partition())));
        topics.replaceAll((t, l) -> List.copyOf(l));
        available.replaceAll((t, l) -> List.copyOf(l));
        leaders.replaceAll((n, l) -> List.copyOf(l));
        this.byLeader = Map.copyOf(leaders);
        this.nodesById = Map.copyOf(nodeMap);
        this.partitions = Map.copyOf(partitionMap);
        this.byTopic = Map.copyOf(topics);
        this.availableByTopic = Map.copyOf(available);
        this.clusterId = clusterId;
    }

    public static Cluster empty() {
        return EMPTY;
    }

    public Optional<String> clusterId() {
        return clusterId;
    }

    public List<Node> nodes() {
        return List.copyOf(nodesById.values());
    }

    public Optional<Node> node(int id) {
        return Optional.ofNullable(nodesById.get(id));
    }

    public Set<String> topics() {
        return byTopic.keySet();
    }

    public Optional<PartitionInfo> partition(TopicPartition tp) {
        return Optional.ofNullable(partitions.get(tp));
    }

    /** The leader broker of {@code tp}, if the partition is known, has a leader and that broker is known. */
    public Optional<Node> leaderFor(TopicPartition tp) {
        PartitionInfo info = partitions.get(tp);
        if (info == null || info.leader().isEmpty()) {
            return Optional.empty();
        }
        return node(info.leader().getAsInt());
    }

    /** All partitions of {@code topic}, sorted by number; empty if the topic is unknown. */
    public List<PartitionInfo> partitionsForTopic(String topic) {
        return byTopic.getOrDefault(topic, Collections.emptyList());
    }

    /** The partitions of {@code topic} whose leader is a known broker. */
    public List<PartitionInfo> availablePartitionsForTopic(String topic) {
        return availableByTopic.getOrDefault(topic, Collections.emptyList());
    }

    /** The partitions whose leader is broker {@code nodeId}. */
    public List<PartitionInfo> partitionsForNode(int nodeId) {
        return byLeader.getOrDefault(nodeId, Collections.emptyList());
    }

    /** Partition count of {@code topic}, if it is known. */
    public Optional<Integer> partitionCount(String topic) {
        List<PartitionInfo> infos = byTopic.get(topic);
        return infos == null ? Optional.empty() : Optional.of(infos.size());
    }

    @Override
    public String toString() {
        return "Cluster(nodes=" + nodesById.values() + ", partitions=" + partitions.size() + ")";
    }
}
