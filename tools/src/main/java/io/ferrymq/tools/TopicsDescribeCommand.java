package io.ferrymq.tools;

import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.admin.ClusterDescription;
import io.ferrymq.client.admin.TopicDescription;
import io.ferrymq.common.Node;
import io.ferrymq.common.PartitionInfo;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry topics describe [--topic T] [--under-replicated] [--unavailable]} in Kafka's
 * layout: a summary line per topic, then one line per partition
 * ({@code Topic: T<TAB>Partition: 0<TAB>Leader: 1<TAB>Replicas: 1,2,3<TAB>Isr: 1,2,3<TAB>LeaderEpoch: 4},
 * followed by {@code <TAB>Offline: 2} when a replica is offline: its broker is down or its log dir failed).
 * With a filter only matching partition lines are printed, as Kafka does.
 */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Describe topics: leader, replicas, ISR, leader epoch and offline replicas per partition.")
public final class TopicsDescribeCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--topic", description = "Only this topic (default: all).")
    private String topic;

    @Option(names = "--under-replicated", description = "Only partitions whose ISR is smaller than the replica set.")
    private boolean underReplicated;

    @Option(names = "--unavailable", description = "Only partitions without a live leader.")
    private boolean unavailable;

    private final ClientFactory clients;

    public TopicsDescribeCommand() {
        this(ClientFactory.network());
    }

    public TopicsDescribeCommand(ClientFactory clients) {
        this.clients = clients;
    }

    @Override
    public Integer call() {
        try (Admin admin = clients.admin(cluster.clientProps(Map.of()))) {
            Collection<String> names = topic != null ? List.of(topic) : admin.listTopics();
            Map<String, TopicDescription> topics = names.isEmpty() ? Map.of() : admin.describeTopics(names);
            Set<Integer> live = unavailable ? liveBrokers(admin.describeCluster()) : Set.of();
            PrintWriter out = spec.commandLine().getOut();
            topics.values().forEach(description -> print(out, description, live));
        }
        return 0;
    }

    private static Set<Integer> liveBrokers(ClusterDescription cluster) {
        return cluster.nodes().stream().map(Node::id).collect(Collectors.toSet());
    }

    private void print(PrintWriter out, TopicDescription description, Set<Integer> live) {
        boolean filtered = underReplicated || unavailable;
        if (!filtered) {
            int replicationFactor = description.partitions().isEmpty() ? 0 : description.partitions().get(0).replicas().size();
            out.println("Topic: " + description.name() + "\tPartitionCount: " + description.partitions().size()
                    + "\tReplicationFactor: " + replicationFactor);
        }
        for (PartitionInfo p : description.partitions()) {
            boolean isUnavailable = p.leader().isEmpty() || !live.contains(p.leader().getAsInt());
            if ((underReplicated && !p.isUnderReplicated()) || (unavailable && !isUnavailable)) {
                continue;
            }
            out.println(line(p));
        }
    }

    /** One partition in Kafka's describe layout. */
    static String line(PartitionInfo p) {
        return "Topic: " + p.topic() + "\tPartition: " + p.partition()
                + "\tLeader: " + (p.leader().isPresent() ? String.valueOf(p.leader().getAsInt()) : "none")
                + "\tReplicas: " + join(p.replicas()) + "\tIsr: " + join(p.isr()) + "\tLeaderEpoch: " + p.leaderEpoch()
                + (p.offlineReplicas().isEmpty() ? "" : "\tOffline: " + join(p.offlineReplicas()));
    }

    private static String join(List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
