package io.ferrymq.it.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.TopicAdmin;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.serialization.StringSerializer;
import io.ferrymq.client.consumer.internals.group.GroupAdmin;
import io.ferrymq.client.network.BrokerAddress;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.ProducerRecord;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest.TopicSpec;
import io.ferrymq.it.harness.FerryCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry groups reset-offsets|describe|list|delete} (run in-process) against a 3-broker cluster:
 * reset is a dry run unless {@code --execute}, is refused while the group has a member, and
 * describe/list/delete show and act on the group.
 */
class GroupToolsIT {

    private static final String TOPIC = "tools";

    @TempDir
    Path work;

    @Test
    void resetOffsetsDescribeListAndDelete() throws Exception {
        try (FerryCluster cluster = FerryCluster.builder(work.resolve("cluster")).brokers(3)
                .brokerConfig("group.initial.rebalance.delay.ms", "200")
                .brokerConfig("group.min.session.timeout.ms", "1000").start()) {
            String bootstrap = cluster.bootstrapServers();
            TopicAdmin.createTopic(bootstrap, new TopicSpec(TOPIC, 2, (short) 3, Map.of()), Duration.ofSeconds(30));
            TopicAdmin.awaitFullyReplicated(bootstrap, TOPIC, 2, Duration.ofSeconds(60));
            produceTenPerPartition(bootstrap);

            InProcessCli.Result dry = groups(bootstrap, "dry", "reset-offsets", "--group", "g1", "--topic", TOPIC, "--to-offset", "4");
            assertThat(dry.exitCode()).as(dry.toString()).isZero();
            assertThat(dry.stdout()).contains("Dry run").containsPattern("tools\\s+0\\s+-\\s+4");
            assertThat(committed(bootstrap)).isEmpty();

            assertThat(groups(bootstrap, "exec", "reset-offsets", "--group", "g1", "--topic", TOPIC, "--to-offset", "4",
                    "--execute").exitCode()).isZero();
            assertThat(committed(bootstrap)).containsEntry(tp(0), 4L).containsEntry(tp(1), 4L);
            assertThat(groups(bootstrap, "shift", "reset-offsets", "--group", "g1", "--topic", TOPIC, "--shift-by", "-3",
                    "--execute").exitCode()).isZero();
            assertThat(committed(bootstrap)).containsEntry(tp(0), 1L).containsEntry(tp(1), 1L);
            assertThat(groups(bootstrap, "latest", "reset-offsets", "--group", "g1", "--topic", TOPIC, "--to-latest",
                    "--execute").exitCode()).isZero();
            assertThat(committed(bootstrap)).containsEntry(tp(0), 10L).containsEntry(tp(1), 10L);

            try (PollingMember member = PollingMember.start(bootstrap, "g1", "tool-member", TOPIC, (m, owned) -> { })) {
                await().atMost(Duration.ofSeconds(60)).until(() -> member.assignment().size() == 2);
                InProcessCli.Result refused = groups(bootstrap, "refused", "reset-offsets", "--group", "g1", "--topic", TOPIC,
                        "--to-earliest", "--execute");
                assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
                assertThat(refused.stderr()).contains("NON_EMPTY_GROUP");
                assertThat(committed(bootstrap)).containsEntry(tp(0), 10L);

                InProcessCli.Result describe = groups(bootstrap, "describe", "describe", "--group", "g1");
                assertThat(describe.exitCode()).as(describe.toString()).isZero();
                assertThat(describe.stdout()).contains("STATE Stable").contains("tool-member").contains("/127.0.0.1")
                        .containsPattern("tools\\s+0\\s+10\\s+10\\s+0\\s+tool-member");
                assertLagMetric(cluster);
                InProcessCli.Result list = groups(bootstrap, "list", "list");
                assertThat(list.stdout()).containsPattern("g1\\s+Stable\\s+consumer");
                assertThat(groups(bootstrap, "delete-refused", "delete", "--group", "g1").exitCode()).isEqualTo(1);
            }
            InProcessCli.Result deleted = groups(bootstrap, "delete", "delete", "--group", "g1");
            assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
            assertThat(committed(bootstrap)).isEmpty();
            assertThat(groups(bootstrap, "list-after", "list").stdout()).doesNotContain("g1");
        }
    }

    private InProcessCli.Result groups(String bootstrap, String name, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "groups";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--bootstrap-server";
        all[args.length + 2] = bootstrap;
        return InProcessCli.run(all);
    }

    /**
     * The coordinator's /metrics has a consumer-lag gauge per partition of g1: 0 (committed 10 = high
     * watermark 10), also for a partition another broker leads (its high watermark fetched from there).
     */
    private static void assertLagMetric(FerryCluster cluster) throws Exception {
        int coordinator;
        try (GroupAdmin admin = new GroupAdmin(Arrays.stream(cluster.bootstrapServers().split(","))
                .map(BrokerAddress::parse).toList(), "g1", Duration.ofSeconds(10))) {
            coordinator = admin.coordinator().id();
        }
        int leaderElsewhere = coordinator;
        assertThat(IntStream.range(0, 2).map(p -> cluster.leaderOf(tp(p)).orElse(leaderElsewhere)))
                .as("the two partitions' preferred leaders differ, so one is led away from the coordinator")
                .anyMatch(leader -> leader != leaderElsewhere);
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + cluster.broker(coordinator).adminPort() + "/metrics");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (int p = 0; p < 2; p++) {
                assertThat(metrics).containsPattern("ferry_consumer_group_metrics_consumer_lag\\{[^}]*group=\"g1\"[^}]*partition=\""
                        + p + "\"[^}]*\\} 0(\\.0)?\\n");
            }
        });
    }

    private static Map<TopicPartition, Long> committed(String bootstrap) {
        try (GroupAdmin admin = new GroupAdmin(Arrays.stream(bootstrap.split(",")).map(BrokerAddress::parse).toList(),
                "g1", Duration.ofSeconds(10))) {
            return admin.committedOffsets();
        }
    }

    private static void produceTenPerPartition(String bootstrap) throws Exception {
        try (FerryProducer<String, String> producer = new FerryProducer<>(Map.of("bootstrap.servers", bootstrap,
                "acks", "all"), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                for (int p = 0; p < 2; p++) {
                    producer.send(new ProducerRecord<>(TOPIC, p, "k" + i, "v" + i)).get();
                }
            }
        }
    }

    private static TopicPartition tp(int partition) {
        return new TopicPartition(TOPIC, partition);
    }
}
