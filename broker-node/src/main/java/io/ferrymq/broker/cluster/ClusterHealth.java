package io.ferrymq.broker.cluster;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.BrokerNode;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import io.ferrymq.common.protocol.responses.MetadataResponse.PartitionMetadata;
import io.ferrymq.common.protocol.responses.MetadataResponse.TopicMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A cluster's health as seen in one Metadata response and the brokers' offline log dirs (what
 * {@code ferry cluster health} prints): the live brokers, the brokers that hold replicas but are not
 * live ("down"), partitions without a live leader, under-replicated partitions (ISR smaller than the
 * replica set), and per live broker the log dirs it took offline after a disk error. Healthy means
 * none of the four has an entry and, when an expected broker count is given, at least that many
 * brokers are live. Immutable.
 */
public record ClusterHealth(String clusterId, List<Integer> liveBrokers, List<Integer> downBrokers,
                            List<TopicPartition> leaderless, List<TopicPartition> underReplicated,
                            SortedMap<Integer, List<String>> offlineLogDirs, OptionalInt expectedBrokers) {

    public ClusterHealth {
        liveBrokers = List.copyOf(liveBrokers);
        downBrokers = List.copyOf(downBrokers);
        leaderless = List.copyOf(leaderless);
        underReplicated = List.copyOf(underReplicated);
        offlineLogDirs = Collections.unmodifiableSortedMap(new TreeMap<>(offlineLogDirs));
    }

    /** Evaluates a Metadata response for all topics, with no offline log dir known. */
    public static ClusterHealth of(MetadataResponse metadata, OptionalInt expectedBrokers) {
        return of(metadata, Map.of(), expectedBrokers);
    }

    /** Evaluates a Metadata response for all topics and the offline log dirs DescribeCluster reported. */
    public static ClusterHealth of(MetadataResponse metadata, Map<Integer, List<String>> offlineLogDirs,
                                   OptionalInt expectedBrokers) {
        Set<Integer> live = metadata.brokers().stream().map(BrokerNode::id).collect(Collectors.toCollection(TreeSet::new));
        Set<Integer> down = new TreeSet<>();
        List<TopicPartition> leaderless = new ArrayList<>();
        List<TopicPartition> underReplicated = new ArrayList<>();
        for (TopicMetadata topic : metadata.topics()) {
            for (PartitionMetadata p : topic.partitions()) {
                TopicPartition tp = new TopicPartition(topic.name(), p.partition());
                p.replicas().stream().filter(r -> !live.contains(r)).forEach(down::add);
                if (p.leaderId() == PartitionMetadata.NO_LEADER || !live.contains(p.leaderId())) {
                    leaderless.add(tp);
                }
                if (p.isr().size() < p.replicas().size()) {
                    underReplicated.add(tp);
                }
            }
        }
        leaderless.sort(null);
        underReplicated.sort(null);
        return new ClusterHealth(metadata.clusterId(), List.copyOf(live), List.copyOf(down), leaderless, underReplicated,
                new TreeMap<>(offlineLogDirs), expectedBrokers);
    }

    public boolean isHealthy() {
        boolean enoughBrokers = expectedBrokers.isEmpty() || liveBrokers.size() >= expectedBrokers.getAsInt();
        return enoughBrokers && downBrokers.isEmpty() && leaderless.isEmpty() && underReplicated.isEmpty()
                && offlineLogDirs.isEmpty();
    }

    /** The report, one fact per line, in the style of {@code rpk cluster health}. */
    public String render() {
        StringBuilder sb = new StringBuilder("CLUSTER HEALTH OVERVIEW\n=======================\n");
        line(sb, "Healthy:", Boolean.toString(isHealthy()));
        line(sb, "Cluster id:", clusterId);
        line(sb, "Live brokers:", liveBrokers + expectedBrokers.stream().mapToObj(n -> " (expected " + n + ")").findFirst().orElse(""));
        line(sb, "Down brokers:", downBrokers.toString());
        line(sb, "Leaderless partitions (" + leaderless.size() + "):", leaderless.toString());
        line(sb, "Under-replicated partitions (" + underReplicated.size() + "):", underReplicated.toString());
        line(sb, "Offline log dirs (" + offlineLogDirs.values().stream().mapToInt(List::size).sum() + "):",
                offlineLogDirs.toString());
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append(String.format("%-36s %s%n", label, value));
    }
}
