package io.ferrymq.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.cluster.FreePorts;
import io.ferrymq.broker.cluster.TopicAdmin;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest.TopicSpec;
import io.ferrymq.it.harness.FerryCluster;
import io.ferrymq.it.harness.FerryLauncher;
import io.ferrymq.it.harness.FerryLauncher.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ferry} client subcommand not already driven through the real launcher elsewhere
 * (cluster health: OperatorSurfaceIT, quickstart: QuickstartIT, verifiable-consumer: GroupConsumptionIT)
 * runs here as a {@code bin/ferry} process against one ZooKeeper + one broker process shared by all
 * tests; {@code zookeeper}, {@code broker}, {@code perf-log} and {@code --version} run through the
 * launcher too. Each test uses its own topic, so the tests are independent of their order. Not thread-safe
 * (JUnit runs the methods one after the other).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliIT {

    private static final Duration CALL = Duration.ofSeconds(90);

    private Path work;
    private FerryCluster cluster;
    private String bootstrap;

    @BeforeAll
    void startCluster(@TempDir Path dir) {
        work = dir;
        cluster = FerryCluster.builder(work.resolve("cluster")).brokers(1)
                .brokerConfig("log.flush.interval.messages", "1").start();
        bootstrap = cluster.bootstrapServers();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void topicsCreateListDescribeDelete() {
        Result created = ferry("create", "topics", "create", "--topic", "cli-topics", "--partitions", "2",
                "--replication-factor", "1");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.stdout()).contains("Created topic cli-topics.");
        assertThat(ferry("list", "topics", "list").stdout().lines()).as("list").contains("cli-topics");

        Result described = ferry("describe", "topics", "describe", "--topic", "cli-topics");
        assertThat(described.exitCode()).as(described.toString()).isZero();
        assertThat(described.stdout())
                .contains("Topic: cli-topics\tPartitionCount: 2\tReplicationFactor: 1")
                .containsPattern("(?m)^Topic: cli-topics\tPartition: 0\tLeader: 1\tReplicas: 1\tIsr: 1\tLeaderEpoch: \\d+$")
                .containsPattern("(?m)^Topic: cli-topics\tPartition: 1\tLeader: 1\tReplicas: 1\tIsr: 1\tLeaderEpoch: \\d+$");

        Result deleted = ferry("delete", "topics", "delete", "--topic", "cli-topics");
        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(ferry("list-after", "topics", "list").stdout().lines()).doesNotContain("cli-topics");
    }

    @Test
    void produceKeyedLinesThenConsumeThemWithKeysOffsetsAndPartitions() {
        createTopic("cli-keyed", 1);
        Result produced = produce("produce-keyed", "a:1\nb:2\nc:3\n", "--topic", "cli-keyed",
                "--property", "parse.key=true", "--property", "key.separator=:");
        assertThat(produced.exitCode()).as(produced.toString()).isZero();

        Result consumed = ferry("consume-keyed", "consume", "--topic", "cli-keyed", "--from-beginning",
                "--max-messages", "3", "--timeout-ms", "30000", "--property", "print.key=true",
                "--property", "print.offset=true", "--property", "print.partition=true");
        assertThat(consumed.exitCode()).as(consumed.toString()).isZero();
        assertThat(consumed.stdout().lines()).containsExactly(
                "Partition:0\tOffset:0\ta\t1", "Partition:0\tOffset:1\tb\t2", "Partition:0\tOffset:2\tc\t3");
        assertThat(consumed.stderr()).contains("Processed a total of 3 messages");
    }

    @Test
    void consumeStartedOnAFreshEmptyTopicPrintsRecordsProducedLater() throws InterruptedException {
        TopicAdmin.createTopic(bootstrap, new TopicSpec("cli-later", 1, (short) 1, Map.of()), CALL);
        Process consumer = FerryLauncher.start(work, "consume-later", List.of(withBootstrap("consume", "--topic",
                "cli-later", "--from-beginning", "--max-messages", "3", "--timeout-ms", "60000")));
        try {
            assertThat(produce("produce-later", "p\nq\nr\n", "--topic", "cli-later").exitCode()).isZero();
            assertThat(consumer.waitFor(CALL.toMillis(), TimeUnit.MILLISECONDS)).as("consumer finished").isTrue();
            Result consumed = logged("consume-later", () -> FerryLauncher.output(work, "consume-later", consumer.exitValue()));
            assertThat(consumed.exitCode()).as(consumed.toString()).isZero();
            assertThat(consumed.stdout().lines()).as(consumed.toString()).containsExactly("p", "q", "r");
        } finally {
            FerryLauncher.stop(consumer, Duration.ofSeconds(10));
        }
    }

    @Test
    void consumeInAGroupThenListAndDescribeTheGroup() {
        createTopic("cli-group", 1);
        assertThat(produce("produce-group", "x\ny\n", "--topic", "cli-group").exitCode()).isZero();
        Result consumed = ferry("consume-group", "consume", "--topic", "cli-group", "--group", "cli-g",
                "--from-beginning", "--max-messages", "2", "--timeout-ms", "30000");
        assertThat(consumed.exitCode()).as(consumed.toString()).isZero();
        assertThat(consumed.stdout().lines()).containsExactly("x", "y");

        Result listed = ferry("groups-list", "groups", "list");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(listed.stdout()).containsPattern("(?m)^cli-g\\s");
        Result described = ferry("groups-describe", "groups", "describe", "--group", "cli-g");
        assertThat(described.exitCode()).as(described.toString()).isZero();
        assertThat(described.stdout()).contains("GROUP cli-g").contains("LOG-END-OFFSET")
                .containsPattern("(?m)^cli-group\\s+0\\s+2\\s+2\\s+0\\b");
    }

    @Test
    void verifiableProducerReportsEverySend() {
        createTopic("cli-verifiable", 2);
        Result r = ferry("verifiable-producer", "verifiable-producer", "--topic", "cli-verifiable",
                "--max-messages", "25");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout().lines().filter(l -> l.contains("\"name\":\"producer_send_success\""))).hasSize(25);
        assertThat(r.stdout()).contains("\"name\":\"startup_complete\"").contains("\"name\":\"shutdown_complete\"");
    }

    @Test
    void dumpLogReadsTheBrokersSegment() throws IOException {
        createTopic("cli-dump", 1);
        assertThat(produce("produce-dump", "k1:first\nk2:second\n", "--topic", "cli-dump",
                "--property", "parse.key=true", "--property", "key.separator=:").exitCode()).isZero();
        Path segment = segmentOf("cli-dump-0");

        Result r = logged("dump-log", () -> FerryLauncher.run(work, "dump-log", CALL,
                "dump-log", "--files", segment.toString(), "--print-data"));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("Dumping " + segment).containsPattern("baseOffset: 0 lastOffset: \\d+")
                .contains("isvalid: true").contains("key: k1 payload: first").contains("key: k2 payload: second");
    }

    @Test
    void perfProduceThenPerfConsumePrintTheirSummaries() {
        createTopic("cli-perf", 2);
        Result produced = ferry("perf-produce", "perf-produce", "--topic", "cli-perf", "--num-records", "2000",
                "--record-size", "100", "--throughput", "-1", "--producer-props", "acks=1");
        assertThat(produced.exitCode()).as(produced.toString()).isZero();
        assertThat(lastLine(produced.stdout())).startsWith("2000 records sent, ").contains("records/sec")
                .contains("ms 99.9th");

        Result consumed = ferry("perf-consume", "perf-consume", "--topic", "cli-perf", "--messages", "2000",
                "--timeout-ms", "30000");
        assertThat(consumed.exitCode()).as(consumed.toString()).isZero();
        List<String> lines = consumed.stdout().lines().toList();
        assertThat(lines.get(lines.size() - 2)).contains("data.consumed.in.nMsg").contains("fetch.nMsg.sec");
        assertThat(lastLine(consumed.stdout()).split(", ")[4]).isEqualTo("2000");
    }

    @Test
    void consumeOrProduceToAnUnknownTopicFailsWithOneLine() {
        Result consumed = ferry("consume-unknown", "consume", "--topic", "cli-no-such-topic", "--from-beginning",
                "--max-messages", "1", "--timeout-ms", "5000");
        assertFailsWithOneLine(consumed, "cli-no-such-topic");
        Result produced = produce("produce-unknown", "v\n", "--topic", "cli-no-such-topic",
                "--command-property", "max.block.ms=10000");
        assertFailsWithOneLine(produced, "cli-no-such-topic");
    }

    @Test
    void aClosedBootstrapPortFailsWithOneLine() {
        Result r = logged("closed-port", () -> FerryLauncher.run(work, "closed-port", CALL, "topics", "list",
                "--bootstrap-server", "127.0.0.1:" + FreePorts.pick(),
                "--command-property", "default.api.timeout.ms=5000"));
        assertFailsWithOneLine(r, "ferry list: ");
    }

    /**
     * The two server commands through the launcher, as an operator types them: ZooKeeper's own
     * server, then a broker from the shipped {@code conf/broker.properties} with overrides; the
     * broker serves until SIGTERM and then exits 0.
     */
    @Test
    void zookeeperAndBrokerRunThroughTheLauncherUntilSigterm() throws InterruptedException {
        List<Integer> ports = FreePorts.pick(2);
        Path dir = work.resolve("servers");
        Process zookeeper = FerryLauncher.start(dir, "zookeeper", List.of("zookeeper", "--port", ports.get(0).toString(),
                "--data-dir", dir.resolve("zk").toString()));
        Process broker = null;
        try {
            broker = FerryLauncher.start(dir, "broker", List.of("broker",
                    "--config", FerryLauncher.home().resolve("conf").resolve("broker.properties").toString(),
                    "--override", "broker.id=7",
                    "--override", "listeners=PLAINTEXT://127.0.0.1:" + ports.get(1),
                    "--override", "zookeeper.connect=127.0.0.1:" + ports.get(0) + "/cli-servers",
                    "--override", "log.dirs=" + dir.resolve("data")));
            String own = "127.0.0.1:" + ports.get(1);
            Result healthy = null;
            long deadline = System.nanoTime() + CALL.toNanos();
            while (System.nanoTime() < deadline && (healthy == null || healthy.exitCode() != 0)) {
                assertThat(broker.isAlive()).as(FerryLauncher.output(dir, "broker", -1).toString()).isTrue();
                healthy = FerryLauncher.run(dir, "health", CALL, "cluster", "health", "--bootstrap-server", own,
                        "--expected-brokers", "1", "--timeout-ms", "2000");
            }
            assertThat(healthy).isNotNull();
            assertThat(healthy.exitCode()).as(healthy.toString()).isZero();
            assertThat(healthy.stdout()).containsPattern("Live brokers:\\s+\\[7\\]");

            broker.destroy();
            assertThat(broker.waitFor(CALL.toMillis(), TimeUnit.MILLISECONDS)).as("broker stops on SIGTERM").isTrue();
            assertThat(broker.exitValue()).as(FerryLauncher.output(dir, "broker", broker.exitValue()).toString())
                    .isIn(0, 143);
            assertThat(dir.resolve("data").resolve(".kafka_cleanshutdown")).exists();
        } finally {
            if (broker != null) {
                FerryLauncher.stop(broker, Duration.ofSeconds(30));
            }
            FerryLauncher.stop(zookeeper, Duration.ofSeconds(10));
        }
    }

    @Test
    void perfLogAndVersionRunThroughTheLauncher() {
        Result perf = logged("perf-log", () -> FerryLauncher.run(work, "perf-log", CALL, "perf-log", "--size-mb", "8",
                "--dir", work.toString()));
        assertThat(perf.exitCode()).as(perf.toString()).isZero();
        assertThat(perf.stdout()).contains("plain FileChannel write:").contains("PartitionLog append:")
                .contains("PartitionLog read:");

        Result version = logged("version", () -> FerryLauncher.run(work, "version", CALL, "--version"));
        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(version.stdout()).startsWith("ferry ");
    }

    private static void assertFailsWithOneLine(Result r, String mentions) {
        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.stderr().strip().lines()).as(r.toString()).hasSize(1);
        assertThat(r.stderr()).as(r.toString()).contains(mentions);
    }

    private Result ferry(String name, String... args) {
        return logged(name, () -> FerryLauncher.run(work, name, CALL, withBootstrap(args)));
    }

    /** Runs one command and prints its duration and output (kept in the failsafe report). */
    private static Result logged(String name, Supplier<Result> call) {
        long start = System.nanoTime();
        Result r = call.get();
        System.out.println("=== bin/ferry " + name + " took " + (System.nanoTime() - start) / 1_000_000 + " ms, " + r);
        return r;
    }

    private String[] withBootstrap(String... args) {
        return Stream.concat(Stream.of(args), Stream.of("--bootstrap-server", bootstrap)).toArray(String[]::new);
    }

    /** Runs {@code ferry produce args...} with {@code input} on its standard input. */
    private Result produce(String name, String input, String... args) {
        return logged(name, () -> produceNow(name, input, args));
    }

    private Result produceNow(String name, String input, String... args) {
        String[] all = Stream.concat(Stream.of("produce"), Stream.of(withBootstrap(args))).toArray(String[]::new);
        Process p = FerryLauncher.start(work, name, List.of(all));
        try {
            try (OutputStream stdin = p.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(CALL.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("produce did not finish within " + CALL + "\n" + FerryLauncher.output(work, name, -1));
            }
            return FerryLauncher.output(work, name, p.exitValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            FerryLauncher.stop(p, Duration.ofSeconds(10));
        }
    }

    private void createTopic(String topic, int partitions) {
        TopicAdmin.createTopic(bootstrap, new TopicSpec(topic, partitions, (short) 1, Map.of()), CALL);
        TopicAdmin.awaitFullyReplicated(bootstrap, topic, partitions, CALL);
    }

    private Path segmentOf(String partitionDir) throws IOException {
        try (Stream<Path> files = Files.walk(cluster.broker(1).dataDir())) {
            return files.filter(f -> f.getParent().getFileName().toString().equals(partitionDir))
                    .filter(f -> f.getFileName().toString().endsWith(".log")).findFirst()
                    .orElseThrow(() -> new AssertionError("no segment of " + partitionDir));
        }
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }
}
