package io.ferrymq.tools.reassign;

import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.admin.AlterConfigOp;
import io.ferrymq.client.admin.ConfigResource;
import io.ferrymq.client.admin.TopicDescription;
import io.ferrymq.common.Node;
import io.ferrymq.common.PartitionInfo;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.assignment.BrokerPlacement;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.responses.AlterPartitionReassignmentsResponse.PartitionResult;
import io.ferrymq.tools.ClientFactory;
import io.ferrymq.tools.ClusterOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry reassign-partitions}: Kafka's {@code kafka-reassign-partitions.sh} over the
 * AlterPartitionReassignments and ListPartitionReassignments APIs, with Kafka's JSON files.
 * {@code --generate} prints the current assignment of the topics to move and a proposal over the
 * given brokers; {@code --execute} starts the plan (printing the current assignment to keep for a
 * rollback), with {@code --throttle} limiting the catch-up as Kafka's tool does ({@link ReassignmentThrottle});
 * {@code --verify} reports each partition (completed, in progress) and exits 1 until all are complete,
 * then removes the throttle; {@code --cancel} reverts each partition of the plan to its original replicas. A
 * longer or shorter replica list raises or lowers the replication factor.
 */
@Command(name = "reassign-partitions", mixinStandardHelpOptions = true,
        description = "Move partition replicas between brokers, raise or lower the replication factor "
                + "(Kafka's reassignment JSON).")
public final class ReassignPartitionsCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Action action;

    /** Exactly one action. */
    static final class Action {
        @Option(names = "--generate", required = true,
                description = "Propose a plan moving the topics of --topics-to-move-json-file to --broker-list.")
        boolean generate;

        @Option(names = "--execute", required = true, description = "Start the plan of --reassignment-json-file.")
        boolean execute;

        @Option(names = "--verify", required = true,
                description = "Report whether each partition of --reassignment-json-file has been reassigned.")
        boolean verify;

        @Option(names = "--cancel", required = true,
                description = "Cancel the reassignments of --reassignment-json-file (back to the original replicas).")
        boolean cancel;
    }

    @Option(names = "--topics-to-move-json-file", paramLabel = "FILE",
            description = "With --generate: {\"version\":1,\"topics\":[{\"topic\":\"t\"}]}.")
    private Path topicsToMove;

    @Option(names = "--broker-list", paramLabel = "ID[,ID]", split = ",",
            description = "With --generate: the brokers to place the replicas on.")
    private List<Integer> brokerList;

    @Option(names = "--throttle", paramLabel = "BYTES_PER_S",
            description = "With --execute: limit the replication of the moved replicas to this many bytes/s "
                    + "(leader/follower.replication.throttled.rate on the brokers involved, the throttled replicas "
                    + "on the topics); --verify removes it once every partition is reassigned.")
    private Long throttle;

    @Option(names = "--reassignment-json-file", paramLabel = "FILE",
            description = "The plan: {\"version\":1,\"partitions\":[{\"topic\":\"t\",\"partition\":0,\"replicas\":[1,2]}]}.")
    private Path reassignmentFile;

    private final ClientFactory clients;

    public ReassignPartitionsCommand() {
        this(ClientFactory.network());
    }

    public ReassignPartitionsCommand(ClientFactory clients) {
        this.clients = clients;
    }

    @Override
    public Integer call() {
        try (Admin admin = clients.admin(cluster.clientProps(Map.of()))) {
            if (action.generate) {
                return generate(admin);
            }
            ReassignmentPlan plan = ReassignmentPlan.parse(require(reassignmentFile, "--reassignment-json-file").toString(),
                    read(reassignmentFile));
            if (action.execute) {
                return execute(admin, plan);
            }
            return action.verify ? verify(admin, plan) : cancel(admin, plan);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private int generate(Admin admin) {
        List<String> topics = ReassignmentPlan.parseTopics(require(topicsToMove, "--topics-to-move-json-file").toString(),
                read(topicsToMove));
        if (brokerList == null || brokerList.isEmpty()) {
            throw usage("--generate needs --broker-list");
        }
        Map<Integer, Node> live = new LinkedHashMap<>();
        admin.describeCluster().nodes().forEach(n -> live.put(n.id(), n));
        List<BrokerPlacement> brokers = new ArrayList<>();
        for (int id : brokerList.stream().distinct().toList()) {
            Node node = live.get(id);
            if (node == null) {
                throw usage("broker " + id + " of --broker-list is not registered (live: " + live.keySet() + ")");
            }
            brokers.add(new BrokerPlacement(id, node.rack()));
        }
        Map<TopicPartition, List<Integer>> current = currentReplicas(admin, topics);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Current partition replica assignment");
        out.println(new ReassignmentPlan(current).toJson());
        out.println();
        out.println("Proposed partition reassignment configuration");
        out.println(ReassignmentProposal.propose(current, brokers, ThreadLocalRandom.current().nextInt(brokers.size()))
                .toJson());
        return 0;
    }

    private int execute(Admin admin, ReassignmentPlan plan) {
        Map<TopicPartition, List<Integer>> current = currentReplicas(admin, plan.topics());
        PrintWriter out = spec.commandLine().getOut();
        Map<TopicPartition, List<Integer>> before = new LinkedHashMap<>();
        plan.partitions().keySet().stream().filter(current::containsKey).forEach(tp -> before.put(tp, current.get(tp)));
        out.println("Current partition replica assignment");
        out.println();
        out.println(new ReassignmentPlan(before).toJson());
        out.println();
        out.println("Save this to use as the --reassignment-json-file option during rollback");
        if (throttle != null) {
            if (throttle <= 0) {
                throw usage("--throttle must be a positive number of bytes per second, was " + throttle);
            }
            setThrottle(admin, ReassignmentThrottle.of(plan, current), throttle);
            out.println("Warning: You must run --verify periodically, until the reassignment completes, to ensure "
                    + "the throttle is removed.");
            out.println("The inter-broker throttle limit was set to " + throttle + " B/s");
        }
        Map<TopicPartition, Optional<List<Integer>>> targets = new LinkedHashMap<>();
        plan.partitions().forEach((tp, replicas) -> targets.put(tp, Optional.of(replicas)));
        return report(admin.alterPartitionReassignments(targets), "started");
    }

    private int verify(Admin admin, ReassignmentPlan plan) {
        Map<TopicPartition, List<Integer>> current = currentReplicas(admin, plan.topics());
        ReassignmentStatus status = ReassignmentStatus.of(plan, current,
                admin.listPartitionReassignments(plan.partitions().keySet()).keySet());
        PrintWriter out = spec.commandLine().getOut();
        out.println("Status of partition reassignment:");
        status.lines().forEach(out::println);
        if (!status.allComplete()) {
            return 1;
        }
        clearThrottle(admin, plan.topics(), out);
        return 0;
    }

    /** Sets the rate on every broker involved, then the throttled replicas of each topic (Kafka's order). */
    private static void setThrottle(Admin admin, ReassignmentThrottle where, long bytesPerSecond) {
        String rate = Long.toString(bytesPerSecond);
        Map<ConfigResource, List<AlterConfigOp>> changes = new LinkedHashMap<>();
        where.brokers().stream().sorted().forEach(id -> changes.put(ConfigResource.broker(id), List.of(
                AlterConfigOp.set(ReassignmentThrottle.LEADER_RATE, rate),
                AlterConfigOp.set(ReassignmentThrottle.FOLLOWER_RATE, rate))));
        for (String topic : where.topics()) {
            List<AlterConfigOp> ops = new ArrayList<>();
            Optional.ofNullable(where.leaderReplicas().get(topic))
                    .ifPresent(v -> ops.add(AlterConfigOp.set(ReassignmentThrottle.LEADER_REPLICAS, v)));
            Optional.ofNullable(where.followerReplicas().get(topic))
                    .ifPresent(v -> ops.add(AlterConfigOp.set(ReassignmentThrottle.FOLLOWER_REPLICAS, v)));
            changes.put(ConfigResource.topic(topic), ops);
        }
        admin.incrementalAlterConfigs(changes);
    }

    /** Removes the rate from every live broker and the throttled replicas from the plan's topics (as Kafka's --verify). */
    private static void clearThrottle(Admin admin, java.util.Collection<String> topics, PrintWriter out) {
        List<Integer> brokers = admin.describeCluster().nodes().stream().map(Node::id).sorted().toList();
        Map<ConfigResource, List<AlterConfigOp>> changes = new LinkedHashMap<>();
        brokers.forEach(id -> changes.put(ConfigResource.broker(id), List.of(
                AlterConfigOp.delete(ReassignmentThrottle.LEADER_RATE),
                AlterConfigOp.delete(ReassignmentThrottle.FOLLOWER_RATE))));
        topics.forEach(topic -> changes.put(ConfigResource.topic(topic), List.of(
                AlterConfigOp.delete(ReassignmentThrottle.LEADER_REPLICAS),
                AlterConfigOp.delete(ReassignmentThrottle.FOLLOWER_REPLICAS))));
        admin.incrementalAlterConfigs(changes);
        out.println("Clearing broker-level throttles on brokers " + brokers.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(",")));
        topics.forEach(topic -> out.println("Clearing topic-level throttles on topic " + topic));
    }

    private int cancel(Admin admin, ReassignmentPlan plan) {
        Map<TopicPartition, Optional<List<Integer>>> targets = new LinkedHashMap<>();
        plan.partitions().keySet().forEach(tp -> targets.put(tp, Optional.empty()));
        return report(admin.alterPartitionReassignments(targets), "cancelled");
    }

    private int report(List<PartitionResult> results, String verb) {
        List<PartitionResult> failed = results.stream().filter(r -> r.error() != ErrorCode.NONE).toList();
        List<String> done = results.stream().filter(r -> r.error() == ErrorCode.NONE)
                .map(r -> r.partition().topic() + "-" + r.partition().partition()).toList();
        if (!done.isEmpty()) {
            spec.commandLine().getOut().println("Successfully " + verb + " partition reassignments for "
                    + String.join(",", done));
        }
        failed.forEach(r -> spec.commandLine().getErr().println("Error for " + r.partition().topic() + "-"
                + r.partition().partition() + ": " + r.error() + ": " + r.errorMessage()));
        return failed.isEmpty() ? 0 : 1;
    }

    /** The replicas of every partition of the topics (the full set while a partition is being reassigned). */
    private static Map<TopicPartition, List<Integer>> currentReplicas(Admin admin, java.util.Collection<String> topics) {
        Map<TopicPartition, List<Integer>> out = new LinkedHashMap<>();
        for (TopicDescription description : admin.describeTopics(topics).values()) {
            description.partitions().stream().sorted(java.util.Comparator.comparingInt(PartitionInfo::partition))
                    .forEach(p -> out.put(p.topicPartition(), p.replicas()));
        }
        return out;
    }

    private Path require(Path file, String option) {
        if (file == null) {
            throw usage("this action needs " + option);
        }
        return file;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
