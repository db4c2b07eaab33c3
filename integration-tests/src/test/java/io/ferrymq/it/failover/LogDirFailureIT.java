package io.ferrymq.it.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.FerryMain;
import io.ferrymq.broker.cluster.BrokerProcess;
import io.ferrymq.broker.cluster.ClusterHealth;
import io.ferrymq.broker.cluster.ClusterMetadata;
import io.ferrymq.broker.cluster.TopicAdmin;
import io.ferrymq.client.consumer.ConsumerRecord;
import io.ferrymq.client.network.BrokerAddress;
import io.ferrymq.client.network.ClientSecurity;
import io.ferrymq.client.network.BrokerConnection;
import io.ferrymq.client.network.NetworkClient;
import io.ferrymq.client.network.NetworkConfig;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.ListOffsetsRequest;
import io.ferrymq.common.protocol.responses.ListOffsetsResponse;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import io.ferrymq.common.protocol.responses.MetadataResponse.PartitionMetadata;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.registry.BrokerInfo;
import io.ferrymq.coordinator.registry.LogDirEventNotifications;
import io.ferrymq.coordinator.registry.ZkBrokerRegistry;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkConfig;
import io.ferrymq.it.harness.FerryCluster;
import io.ferrymq.it.replication.AckingProducer;
import io.ferrymq.it.replication.LogVerifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, log-dir failure (KIP-112) with real broker processes, each with two {@code log.dirs}: one
 * dir of the leader of partition 0 fails under acks=all load (RF 3, min ISR 2). The failure is a real
 * {@code IOException} from the file system without root: the dir is renamed away and a regular file
 * put in its place, so the next write there (the high-watermark checkpoint, every 200 ms) fails with
 * "Not a directory"; segments already open keep working, as on a disk that fails for new files.
 * Checked: its replicas' leaderships move within 5 s, the ISRs drop them, metadata, registration,
 * log-dir event and metrics show them offline, the broker keeps serving its other dir; after a restart
 * with the dir back, the replicas catch up from the leaders and no acknowledged record is lost.
 */
class LogDirFailureIT {

    private static final String TOPIC = "dirs";
    private static final int PARTITIONS = 6;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration MOVE_BOUND = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private FerryCluster cluster;
    private AckingProducer producer;
    private ZkClient zk;

    @BeforeEach
    void startClusterAndLoad() {
        cluster = FerryCluster.builder(dir).brokers(3).sessionTimeout(Duration.ofSeconds(6))
                .brokerConfig("log.dirs", "data,data2")
                .brokerConfig("replica.high.watermark.checkpoint.interval.ms", "200")
                .brokerConfig("replica.lag.time.max.ms", "30000")
                .brokerConfig("replica.fetch.wait.max.ms", "200")
                .brokerConfig("replica.fetch.backoff.ms", "100")
                .brokerConfig("controlled.shutdown.timeout.ms", "10000")
                .start();
        zk = ZkClient.connect(ZkConfig.of(cluster.zookeeperConnect()).withTimeouts(WAIT, WAIT));
        TopicAdmin.createTopic(cluster.bootstrapServers(),
                new CreateTopicsRequest.TopicSpec(TOPIC, PARTITIONS, (short) 3, TopicAdmin.minInsyncReplicas(2)), WAIT);
        TopicAdmin.awaitFullyReplicated(cluster.bootstrapServers(), TOPIC, PARTITIONS, WAIT);
        producer = AckingProducer.idempotent(cluster.bootstrapServers(), TOPIC, PARTITIONS, 20);
        await().atMost(WAIT).until(() -> producer.ackCount() >= 100);
    }

    @AfterEach
    void stop() {
        try {
            if (producer != null) {
                producer.close();
            }
            if (zk != null) {
                zk.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
                keepBrokerLogs();
            }
        }
    }

    /** Copies the brokers' log files to {@code target/failure-test-logs/LogDirFailureIT/} for diagnosis. */
    private void keepBrokerLogs() {
        Path target = Path.of("target", "failure-test-logs", getClass().getSimpleName());
        try (Stream<Path> logs = Files.list(dir.resolve("logs"))) {
            Files.createDirectories(target);
            for (Path log : logs.toList()) {
                Files.copy(log, target.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.err.println("could not keep broker logs: " + e);
        }
    }

    @Test
    void aFailedLogDirMovesItsLeadershipsAwayKeepsTheOtherDirServedAndRecoversAfterRestart() throws Exception {
        int victim = cluster.awaitLeader(partition(0), WAIT);
        Path failing = dirHolding(victim, partition(0));
        Set<TopicPartition> offline = partitionsIn(failing);
        Set<TopicPartition> healthy = IntStream.range(0, PARTITIONS).mapToObj(LogDirFailureIT::partition)
                .filter(tp -> !offline.contains(tp)).collect(Collectors.toCollection(TreeSet::new));
        assertThat(healthy).as("the other dir of broker %d holds replicas too", victim).isNotEmpty();
        Path parked = failing.resolveSibling(failing.getFileName() + ".parked");

        long failedAt = System.nanoTime();
        breakDir(failing, parked);
        await().atMost(MOVE_BOUND).pollInterval(Duration.ofMillis(50))
                .until(() -> offline.stream().allMatch(tp -> movedAwayFrom(victim, tp)));
        long movedMs = (System.nanoTime() - failedAt) / 1_000_000;
        System.out.printf("LogDirFailureIT: leaderships and ISRs of %s moved off broker %d %d ms after %s failed%n",
                offline, victim, movedMs, failing);

        assertOfflineEverywhere(victim, failing, offline, healthy);
        long acksBefore = producer.ackCount();
        await().atMost(WAIT).until(() -> producer.acks().stream().skip(acksBefore).map(AckingProducer.Ack::partition)
                .collect(Collectors.toSet()).size() == PARTITIONS);
        assertThat(cluster.broker(victim).isAlive()).as("broker %d keeps running on its other dir", victim).isTrue();

        cluster.sigterm(victim);
        Files.delete(failing);
        Files.move(parked, failing);
        cluster.start(victim);
        awaitFullIsr();
        BrokerInfo back = ZkBrokerRegistry.readLiveBrokers(zk.curator()).get(victim);
        assertThat(back.offline().isEmpty()).as("a restarted broker registers without offline storage").isTrue();
        assertThat(new LogDirEventNotifications(zk.curator()).notificationsOf(victim)).isEmpty();
        finishAndVerify();
    }

    private boolean movedAwayFrom(int broker, TopicPartition tp) {
        Optional<PartitionState> state = cluster.partitionState(tp);
        return state.map(s -> s.hasLeader() && s.leader() != broker && !s.isr().contains(broker)).orElse(false);
    }

    /** Metadata, registration, log-dir event, ISRs of the other dir and metrics, as the failure left them. */
    private void assertOfflineEverywhere(int victim, Path failing, Set<TopicPartition> offline,
                                         Set<TopicPartition> healthy) throws Exception {
        await().atMost(WAIT).untilAsserted(() -> {
            MetadataResponse md = ClusterMetadata.fetch(cluster.bootstrapServers(), Duration.ofSeconds(3));
            for (PartitionMetadata p : md.topics().get(0).partitions()) {
                TopicPartition tp = partition(p.partition());
                assertThat(p.offlineReplicas().contains(victim)).as("offline replicas of %s", tp)
                        .isEqualTo(offline.contains(tp));
            }
        });
        TopicPartition anOffline = offline.iterator().next();
        assertThat(listOffsetError(cluster.broker(victim), anOffline)).as("ListOffsets for offline %s", anOffline)
                .isEqualTo(ErrorCode.KAFKA_STORAGE_ERROR);
        BrokerInfo registered = ZkBrokerRegistry.readLiveBrokers(zk.curator()).get(victim);
        assertThat(registered.offline().logDirs()).containsExactly(failing.toString());
        assertThat(registered.offline().replicas()).containsExactlyElementsOf(offline);
        assertThat(new LogDirEventNotifications(zk.curator()).notificationsOf(victim)).hasSize(1);
        for (TopicPartition tp : healthy) {
            assertThat(cluster.partitionState(tp).orElseThrow().isr()).as("ISR of %s (other dir)", tp).contains(victim);
        }
        String metrics = get(cluster.broker(victim), "/metrics");
        assertThat(metrics).contains("ferry_log_manager_offline_log_directory_count 1")
                .contains("ferry_log_manager_log_directory_offline{log_directory=\"" + failing + "\"} 1");
        ClusterHealth health = ClusterHealth.of(ClusterMetadata.fetch(cluster.bootstrapServers(), Duration.ofSeconds(3)),
                ClusterMetadata.describe(cluster.bootstrapServers(), Duration.ofSeconds(3), ClientSecurity.PLAINTEXT).offlineLogDirs(),
                OptionalInt.empty());
        assertThat(health.offlineLogDirs()).containsExactly(Map.entry(victim, List.of(failing.toString())));
        assertThat(cli("cluster", "health", "--bootstrap-server", cluster.bootstrapServers()))
                .contains("Offline log dirs (1):").contains(victim + "=[" + failing + "]");
        assertThat(cli("topics", "describe", "--bootstrap-server", cluster.bootstrapServers(), "--topic", TOPIC))
                .containsPattern("(?m)^Topic: " + TOPIC + "\tPartition: " + anOffline.partition()
                        + "\t.*\tOffline: " + victim + "$");
    }

    private void finishAndVerify() throws IOException {
        assertThat(producer.drain(WAIT)).as("every value acknowledged in the end").isTrue();
        producer.close();
        awaitFullIsr();
        Map<TopicPartition, List<ConsumerRecord<String, String>>> log =
                LogVerifier.readAll(cluster.bootstrapServers(), TOPIC, PARTITIONS, WAIT);
        LogVerifier.Report report = LogVerifier.verify(log, producer.acks(), producer.retriedValues());
        assertThat(report.duplicates()).as("duplicates with the idempotent producer").isZero();
        cluster.brokers().forEach(b -> cluster.sigterm(b.id()));
        for (Map.Entry<TopicPartition, Long> hw : report.highWatermarks().entrySet()) {
            Map<Integer, Path> holders = new TreeMap<>();
            for (BrokerProcess broker : cluster.brokers()) {
                holders.put(broker.id(), dirHolding(broker.id(), hw.getKey()));
            }
            LogVerifier.assertReplicasIdentical(holders, TOPIC, Map.of(hw.getKey(), hw.getValue()));
        }
        System.out.printf("LogDirFailureIT: %d acknowledged, %d records, errors %s%n", report.acknowledged(),
                report.records(), producer.errorCounts());
    }

    private void awaitFullIsr() {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> IntStream.range(0, PARTITIONS)
                .allMatch(p -> cluster.partitionState(partition(p)).map(s -> s.hasLeader() && s.isr().size() == 3)
                        .orElse(false)));
    }

    /** Renames the dir away and puts a regular file at its path: writes into it fail with ENOTDIR. */
    private static void breakDir(Path logDir, Path parked) throws IOException {
        Files.move(logDir, parked);
        Files.writeString(logDir, "this log dir failed\n");
    }

    /** The log dir of {@code broker} (data or data2) that holds its replica of {@code tp}. */
    private Path dirHolding(int broker, TopicPartition tp) {
        Path brokerDir = cluster.broker(broker).dataDir().getParent();
        return Stream.of("data", "data2").map(brokerDir::resolve)
                .filter(d -> Files.isDirectory(d.resolve(tp.topic() + "-" + tp.partition()))).findFirst()
                .orElseThrow(() -> new AssertionError("broker " + broker + " has no replica of " + tp));
    }

    private static Set<TopicPartition> partitionsIn(Path logDir) {
        return IntStream.range(0, PARTITIONS).mapToObj(LogDirFailureIT::partition)
                .filter(tp -> Files.isDirectory(logDir.resolve(tp.topic() + "-" + tp.partition())))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Runs a {@code ferry} command in this JVM and returns what it printed. */
    private static synchronized String cli(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream capturing = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(capturing);
            FerryMain.execute(args);
            return captured.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(out);
        }
    }

    /** What the broker answers a ListOffsets (latest) for {@code tp} with. */
    private static ErrorCode listOffsetError(BrokerProcess broker, TopicPartition tp) throws Exception {
        NetworkConfig config = NetworkConfig.defaults("log-dir-failure-it").withConnectTimeout(Duration.ofSeconds(5))
                .withRequestTimeout(Duration.ofSeconds(5));
        try (NetworkClient client = new NetworkClient(config);
             BrokerConnection connection = client.connect(BrokerAddress.parse(broker.address())).get(10, TimeUnit.SECONDS)) {
            ListOffsetsResponse response = connection.send(new ListOffsetsRequest(-1,
                    List.of(new ListOffsetsRequest.PartitionData(tp, -1L, -1))), ListOffsetsResponse.class)
                    .get(10, TimeUnit.SECONDS);
            return response.partitions().get(0).error();
        }
    }

    private static String get(BrokerProcess broker, String path) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + broker.adminPort() + path))
                .timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static TopicPartition partition(int p) {
        return new TopicPartition(TOPIC, p);
    }
}
