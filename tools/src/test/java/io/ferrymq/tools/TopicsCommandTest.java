package io.ferrymq.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.PartitionInfo;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.internals.InMemoryCluster;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TopicsCommandTest {

    private static final String BOOTSTRAP = "--bootstrap-server=broker1:9001";

    private final InMemoryCluster cluster = new InMemoryCluster(3);
    private final InMemoryClients clients = new InMemoryClients(cluster);

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void createListDescribeDelete() {
        CommandRun created = CommandRun.of(new TopicsCreateCommand(clients), BOOTSTRAP, "--topic", "orders",
                "--partitions", "2", "--replication-factor", "1", "--config", "retention.ms=1000");
        assertThat(created.exitCode()).isZero();
        assertThat(created.out()).isEqualTo("Created topic orders.\n");
        assertThat(CommandRun.of(new TopicsListCommand(clients), BOOTSTRAP).out()).isEqualTo("orders\n");
        CommandRun described = CommandRun.of(new TopicsDescribeCommand(clients), BOOTSTRAP, "--topic", "orders");
        assertThat(described.out().split("\n")).containsExactly(
                "Topic: orders\tPartitionCount: 2\tReplicationFactor: 1",
                "Topic: orders\tPartition: 0\tLeader: 1\tReplicas: 1\tIsr: 1\tLeaderEpoch: 0",
                "Topic: orders\tPartition: 1\tLeader: 2\tReplicas: 2\tIsr: 2\tLeaderEpoch: 0");
        assertThat(CommandRun.of(new TopicsDeleteCommand(clients), BOOTSTRAP, "--topic", "orders").exitCode()).isZero();
        assertThat(CommandRun.of(new TopicsListCommand(clients), BOOTSTRAP).out()).isEmpty();
    }

    @Test
    void alterGrowsThePartitionCountAndRefusesShrinking() {
        CommandRun.of(new TopicsCreateCommand(clients), BOOTSTRAP, "--topic", "grow", "--partitions", "2");
        CommandRun grown = CommandRun.of(new TopicsAlterCommand(clients), BOOTSTRAP, "--topic", "grow",
                "--partitions", "5");
        assertThat(grown.exitCode()).isZero();
        assertThat(grown.out()).isEqualTo("Topic grow now has 5 partitions.\n");
        assertThat(CommandRun.of(new TopicsDescribeCommand(clients), BOOTSTRAP, "--topic", "grow").out())
                .contains("PartitionCount: 5");
        CommandRun shrink = CommandRun.of(new TopicsAlterCommand(clients), BOOTSTRAP, "--topic", "grow",
                "--partitions", "3");
        assertThat(shrink.exitCode()).isEqualTo(1);
        assertThat(shrink.err()).startsWith("ferry alter: INVALID_PARTITIONS").hasLineCount(1);
        assertThat(CommandRun.of(new TopicsAlterCommand(clients), BOOTSTRAP, "--topic", "grow", "--partitions", "0")
                .err()).contains("--partitions must be at least 1");
    }

    @Test
    void errorsAreOneLineOnStderrWithNonZeroExit() {
        CommandRun.of(new TopicsCreateCommand(clients), BOOTSTRAP, "--topic", "t", "--partitions", "1");
        CommandRun duplicate = CommandRun.of(new TopicsCreateCommand(clients), BOOTSTRAP, "--topic", "t", "--partitions", "1");
        assertThat(duplicate.exitCode()).isEqualTo(1);
        assertThat(duplicate.err()).startsWith("ferry create: TOPIC_ALREADY_EXISTS").contains("'t'").hasLineCount(1);
        assertThat(CommandRun.of(new TopicsCreateCommand(clients), BOOTSTRAP, "--topic", "t", "--if-not-exists")
                .exitCode()).isZero();
        CommandRun missing = CommandRun.of(new TopicsDescribeCommand(clients), BOOTSTRAP, "--topic", "nope");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("'nope'").contains("does not exist").hasLineCount(1);
        CommandRun badCount = CommandRun.of(new TopicsCreateCommand(clients), BOOTSTRAP, "--topic", "x", "--partitions", "0");
        assertThat(badCount.exitCode()).isNotZero();
        assertThat(badCount.err()).contains("--partitions must be at least 1");
        assertThat(CommandRun.of(new TopicsListCommand(clients)).exitCode()).isNotZero();
    }

    @Test
    void describeLineFollowsKafkasLayoutAndShowsMissingLeaders() {
        PartitionInfo leaderless = new PartitionInfo(new TopicPartition("t", 3), OptionalInt.empty(), 7,
                List.of(1, 2, 3), List.of(2));
        assertThat(TopicsDescribeCommand.line(leaderless))
                .isEqualTo("Topic: t\tPartition: 3\tLeader: none\tReplicas: 1,2,3\tIsr: 2\tLeaderEpoch: 7");
    }

    @Test
    void describeLineNamesOfflineReplicasWhenThereAreAny() {
        PartitionInfo withOffline = new PartitionInfo(new TopicPartition("t", 0), OptionalInt.of(1), 2,
                List.of(1, 2, 3), List.of(1, 3), List.of(2));
        assertThat(TopicsDescribeCommand.line(withOffline))
                .isEqualTo("Topic: t\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,3\tLeaderEpoch: 2\tOffline: 2");
    }

    @Test
    void underReplicatedFilterPrintsNoHealthyPartitions() {
        CommandRun.of(new TopicsCreateCommand(clients), BOOTSTRAP, "--topic", "t", "--partitions", "2");
        CommandRun filtered = CommandRun.of(new TopicsDescribeCommand(clients), BOOTSTRAP, "--under-replicated");
        assertThat(filtered.exitCode()).isZero();
        assertThat(filtered.out()).isEmpty();
        CommandRun unavailable = CommandRun.of(new TopicsDescribeCommand(clients), BOOTSTRAP, "--unavailable");
        assertThat(unavailable.out()).isEmpty();
    }

    @Test
    void replicaAssignmentIsSentAsGivenWithoutCounts() {
        CommandRun created = CommandRun.of(new TopicsCreateCommand(clients), BOOTSTRAP, "--topic", "pinned",
                "--replica-assignment", "2:0,0:1,1:2", "--config", "retention.ms=1000");

        assertThat(created.exitCode()).isZero();
        CreateTopicsRequest.TopicSpec sent = cluster.createTopicSpecs().get(0);
        assertThat(sent.assignment()).containsExactly(
                Map.entry(0, List.of(2, 0)), Map.entry(1, List.of(0, 1)), Map.entry(2, List.of(1, 2)));
        assertThat(sent.numPartitions()).isEqualTo(-1);
        assertThat(sent.replicationFactor()).isEqualTo((short) -1);
        assertThat(sent.configs()).containsEntry("retention.ms", "1000");
        assertThat(CommandRun.of(new TopicsDescribeCommand(clients), BOOTSTRAP, "--topic", "pinned").out())
                .startsWith("Topic: pinned\tPartitionCount: 3");
    }

    @Test
    void replicaAssignmentExcludesCountsAndBadInputIsRefusedBeforeSending() {
        CommandRun withPartitions = CommandRun.of(new TopicsCreateCommand(clients), BOOTSTRAP, "--topic", "t",
                "--replica-assignment", "0,1", "--partitions", "2");
        assertThat(withPartitions.exitCode()).isNotZero();
        assertThat(withPartitions.err()).contains("--replica-assignment cannot be used with --partitions");
        CommandRun withBoth = CommandRun.of(new TopicsCreateCommand(clients), BOOTSTRAP, "--topic", "t",
                "--replica-assignment", "0,1", "--partitions", "2", "--replication-factor", "1");
        assertThat(withBoth.err()).contains("cannot be used with --partitions and --replication-factor");
        CommandRun withFactor = CommandRun.of(new TopicsCreateCommand(clients), BOOTSTRAP, "--topic", "t",
                "--replica-assignment", "0,1", "--replication-factor", "1");
        assertThat(withFactor.err()).contains("cannot be used with --replication-factor");
        CommandRun uneven = CommandRun.of(new TopicsCreateCommand(clients), BOOTSTRAP, "--topic", "t",
                "--replica-assignment", "0:1,2");
        assertThat(uneven.exitCode()).isNotZero();
        assertThat(uneven.err()).contains("invalid --replica-assignment '0:1,2'")
                .contains("partition 1 has 1 replicas");
        assertThat(cluster.createTopicSpecs()).isEmpty();
    }
}
