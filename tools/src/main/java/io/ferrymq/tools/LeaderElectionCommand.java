package io.ferrymq.tools;

import io.ferrymq.client.admin.Admin;
import io.ferrymq.common.ElectionType;
import io.ferrymq.common.TopicPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry leader-election}: Kafka's {@code kafka-leader-election.sh} over the ElectLeaders API.
 * {@code --election-type preferred} moves leadership back to each partition's preferred replica
 * when it is registered and in the ISR; {@code unclean} lets a live replica from outside the ISR
 * lead a partition that has no leader (data acknowledged by the old ISR may be lost). The partitions
 * are one {@code --topic}/{@code --partition}, a {@code --path-to-json-file}, or
 * {@code --all-topic-partitions}. Exits 1 when some partition could not be elected.
 */
@Command(name = "leader-election", mixinStandardHelpOptions = true,
        description = "Elect partition leaders on demand: preferred (back to the preferred replica) or unclean "
                + "(a live out-of-sync replica leads a leaderless partition).")
public final class LeaderElectionCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--election-type", required = true, paramLabel = "preferred|unclean",
            description = "Type of election: preferred or unclean.")
    private String electionType;

    @Option(names = "--topic", description = "Topic of the partition to elect (with --partition).")
    private String topic;

    @Option(names = "--partition", description = "Partition to elect (with --topic).")
    private Integer partition;

    @Option(names = "--path-to-json-file", paramLabel = "FILE",
            description = "JSON file of partitions: {\"partitions\":[{\"topic\":\"t\",\"partition\":0}]}.")
    private Path jsonFile;

    @Option(names = "--all-topic-partitions", description = "Elect every partition of every topic.")
    private boolean allTopicPartitions;

    private final ClientFactory clients;

    public LeaderElectionCommand() {
        this(ClientFactory.network());
    }

    public LeaderElectionCommand(ClientFactory clients) {
        this.clients = clients;
    }

    @Override
    public Integer call() {
        ElectionType type = ElectionType.forName(electionType).orElseThrow(() -> usage(
                "--election-type must be preferred or unclean, was '" + electionType + "'"));
        Set<TopicPartition> partitions = partitions();
        try (Admin admin = clients.admin(cluster.clientProps(Map.of()))) {
            ElectionReport report = ElectionReport.of(type, admin.electLeaders(type, partitions));
            report.lines().forEach(spec.commandLine().getOut()::println);
            if (report.failures() > 0) {
                spec.commandLine().getErr().println(report.failures() + " replica(s) could not be elected");
                return 1;
            }
        }
        return 0;
    }

    /** The partitions asked for; empty means all. */
    private Set<TopicPartition> partitions() {
        int ways = (allTopicPartitions ? 1 : 0) + (jsonFile != null ? 1 : 0) + (topic != null || partition != null ? 1 : 0);
        if (ways != 1) {
            throw usage("give exactly one of --topic with --partition, --path-to-json-file, --all-topic-partitions");
        }
        if (allTopicPartitions) {
            return Set.of();
        }
        if (jsonFile != null) {
            try {
                Set<TopicPartition> listed = new LinkedHashSet<>(
                        ElectionReport.parsePartitions(jsonFile.toString(), Files.readAllBytes(jsonFile)));
                if (listed.isEmpty()) {
                    throw usage(jsonFile + " lists no partitions");
                }
                return listed;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + jsonFile, e);
            }
        }
        if (topic == null || partition == null) {
            throw usage("--topic and --partition go together");
        }
        return Set.of(new TopicPartition(topic, partition));
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
