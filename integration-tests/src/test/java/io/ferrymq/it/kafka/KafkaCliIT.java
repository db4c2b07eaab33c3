package io.ferrymq.it.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.it.harness.Commands;
import io.ferrymq.it.harness.FerryCluster;
import io.ferrymq.it.harness.FerryLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: Kafka 3.9.1's own command-line tools ({@code src/test/scripts/kafka-cli.sh}, on the
 * class path the pom writes to {@code target/kafka-tools.classpath}) against the Kafka listeners
 * of a 3-broker cluster: kafka-topics creates, describes and lists a topic, kafka-leader-election
 * runs a preferred election of one partition (ElectLeaders, issue 21), the console producer
 * writes keyed lines, the console consumer reads them all in a group, and kafka-consumer-groups
 * shows the group's committed offsets at the log end, lag 0.
 */
class KafkaCliIT {

    private static final String TOPIC = "cli-topic";
    private static final String GROUP = "cli-group";
    private static final int RECORDS = 20;

    @TempDir
    Path dir;

    private FerryCluster cluster;

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void kafkasOwnToolsManageTopicsProduceConsumeAndDescribeGroups() {
        Path classpath = Path.of("target", "kafka-tools.classpath").toAbsolutePath();
        assertThat(classpath).as("the tools' class path written by the pom (mvn process-test-resources)").isRegularFile();
        cluster = FerryCluster.builder(dir.resolve("cluster")).kafkaListener().start();
        FerryLauncher.Result result = Commands.run(dir.resolve("cli"), "kafka-cli", Duration.ofSeconds(300),
                List.of("bash", Path.of("src", "test", "scripts", "kafka-cli.sh").toAbsolutePath().toString(),
                        classpath.toString(), cluster.kafkaBootstrap(), TOPIC, GROUP, Integer.toString(RECORDS)));
        assertThat(result.exitCode()).as("kafka-cli.sh\n%s", result).isZero();
        ScriptSections out = ScriptSections.parse(result.stdout());

        assertThat(out.lines("topics-create")).contains("Created topic " + TOPIC + ".");
        List<String> describe = out.lines("topics-describe");
        assertThat(describe.get(0)).contains("Topic: " + TOPIC, "PartitionCount: 3", "ReplicationFactor: 3");
        assertThat(describe.subList(1, describe.size())).hasSize(3).allSatisfy(line -> assertThat(line)
                .containsPattern("Leader: [123]\\s").containsPattern("Replicas: [123],[123],[123]\\s")
                .containsPattern("Isr: [123],[123],[123]"));
        assertThat(out.lines("topics-list")).contains(TOPIC);
        assertThat(String.join("\n", out.lines("leader-election"))).as("a preferred election of partition 0")
                .containsPattern("(Successfully completed leader election \\(PREFERRED\\)|Valid replica already elected)"
                        + " for partitions " + TOPIC + "-0");
        assertThat(out.lines("console-consumer")).as("every line consumed once")
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, RECORDS)
                        .mapToObj(i -> "key-" + (i % 3) + ":value-" + i).toList());
        List<String[]> rows = out.lines("groups-describe").stream().map(l -> l.split("\\s+"))
                .filter(cols -> cols.length >= 6 && cols[0].equals(GROUP) && cols[1].equals(TOPIC)).toList();
        assertThat(rows).as("one row per partition in\n%s", out.lines("groups-describe")).hasSize(3)
                .allSatisfy(cols -> {
                    assertThat(cols[3]).as("CURRENT-OFFSET of %s", Arrays.toString(cols)).isEqualTo(cols[4]);
                    assertThat(cols[5]).as("LAG of %s", Arrays.toString(cols)).isEqualTo("0");
                });
        assertThat(rows.stream().mapToLong(cols -> Long.parseLong(cols[3])).sum()).as("committed in all").isEqualTo(RECORDS);
        assertThat(out.lines("done")).isEmpty();
    }
}
