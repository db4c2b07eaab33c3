package io.ferrymq.it.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ferrymq.broker.cluster.TopicAdmin;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest;
import io.ferrymq.it.harness.Commands;
import io.ferrymq.it.harness.FerryCluster;
import io.ferrymq.it.harness.FerryLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: kcat (librdkafka, Debian's package; {@code .ci/run} installs it as root) against the
 * Kafka listeners of a 3-broker cluster ({@code src/test/scripts/kcat.sh}): metadata shows the
 * three brokers and the topic, a keyed produce, a consume to the end and a consume in a group all
 * see every line once, and the group's offsets committed by librdkafka are the partitions' ends
 * as Kafka's Admin client reads them. Skipped, saying so, where kcat is not installed.
 */
class KcatIT {

    private static final String TOPIC = "kcat-topic";
    private static final String GROUP = "kcat-group";
    private static final int PARTITIONS = 3;
    private static final int RECORDS = 30;
    private static final Duration WAIT = Duration.ofSeconds(60);

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
    void kcatProducesConsumesAndConsumesInAGroup() throws Exception {
        FerryLauncher.Result which = Commands.run(dir, "which-kcat", Duration.ofSeconds(10),
                List.of("bash", "-c", "command -v kcat"));
        assumeTrue(which.exitCode() == 0, "kcat is not installed: apt-get install -y kcat (.ci/run does it as root)");
        cluster = FerryCluster.builder(dir.resolve("cluster")).kafkaListener().start();
        TopicAdmin.createTopic(cluster.bootstrapServers(), new CreateTopicsRequest.TopicSpec(TOPIC, PARTITIONS, (short) 3,
                Map.of()), WAIT);
        TopicAdmin.awaitFullyReplicated(cluster.bootstrapServers(), TOPIC, PARTITIONS, WAIT);

        FerryLauncher.Result result = Commands.run(dir.resolve("kcat"), "kcat", Duration.ofSeconds(240),
                List.of("bash", Path.of("src", "test", "scripts", "kcat.sh").toAbsolutePath().toString(),
                        cluster.kafkaBootstrap(), TOPIC, GROUP, Integer.toString(RECORDS)));
        assertThat(result.exitCode()).as("kcat.sh\n%s", result).isZero();
        ScriptSections out = ScriptSections.parse(result.stdout());

        assertThat(out.lines("version")).singleElement().asString().contains("1.7.1");
        assertThat(String.join("\n", out.lines("metadata"))).contains("3 brokers:",
                "topic \"" + TOPIC + "\" with " + PARTITIONS + " partitions:");
        List<String> sent = IntStream.rangeClosed(1, RECORDS).mapToObj(i -> "key-" + (i % 3) + ":value-" + i).toList();
        assertThat(out.lines("consume")).as("consumed to the end").containsExactlyInAnyOrderElementsOf(sent);
        assertThat(out.lines("group-consume")).as("consumed in group %s", GROUP).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(out.lines("done")).isEmpty();
        // librdkafka's partitioner may leave a partition empty: nothing to commit there (-1: no offset committed)
        assertThat(committedAndEnds()).as("committed offsets (left) and log ends (right)")
                .allSatisfy((partition, pair) -> assertThat(pair.get(0)).as("partition %d", partition)
                        .isIn(pair.get(1) == 0 ? List.of(-1L, 0L) : List.of(pair.get(1))));
    }

    /** Per partition: the group's committed offset and the partition's end, read with Kafka's Admin client. */
    private Map<Integer, List<Long>> committedAndEnds() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrap()))) {
            Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, PARTITIONS).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(TOPIC, p), p -> OffsetSpec.latest()));
            Map<Integer, Long> ends = admin.listOffsets(latest).all().get(WAIT.toSeconds(), TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
            Map<Integer, Long> committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
            assertThat(ends.values().stream().mapToLong(Long::longValue).sum()).as("records in the topic").isEqualTo(RECORDS);
            Map<Integer, List<Long>> out = new TreeMap<>();
            ends.forEach((p, end) -> out.put(p, List.of(committed.getOrDefault(p, -1L), end)));
            return out;
        }
    }
}
