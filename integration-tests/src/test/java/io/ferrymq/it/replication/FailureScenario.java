package io.ferrymq.it.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.BrokerProcess;
import io.ferrymq.broker.cluster.ClusterMetadata;
import io.ferrymq.broker.cluster.ClusterScram;
import io.ferrymq.broker.cluster.TopicAdmin;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.consumer.ConsumerRecord;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.it.harness.FerryCluster;
import io.ferrymq.it.harness.FerryClusterBuilder;
import io.ferrymq.it.harness.SharedClusterTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Common frame of the replication failure tests (issue 5): three broker processes on an embedded
 * ZooKeeper with short session and lag timeouts, a topic of 6 partitions with replication factor 3
 * and {@code min.insync.replicas=2}, an {@link AckingProducer} sending unique values with acks=all
 * throughout, and the final verification of {@link LogVerifier} once every broker is back and in
 * sync.
 */
public abstract class FailureScenario {

    protected static final String TOPIC = "verified";
    protected static final int PARTITIONS = 6;
    protected static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    protected Path dir;

    protected FerryCluster cluster;
    protected AckingProducer producer;

    /** The session timeout of this scenario's brokers. */
    protected Duration sessionTimeout() {
        return Duration.ofSeconds(4);
    }

    /**
     * {@code replica.lag.time.max.ms} of this scenario's brokers: long enough that a follower starved
     * of CPU on a loaded 2-core machine is not dropped (dead brokers leave the ISR through their
     * registration, DESIGN.md rule 9); the lagging-follower scenario shortens it.
     */
    protected long replicaLagTimeMaxMs() {
        return 10_000;
    }

    /**
     * Whether the producer retries by itself with sequence numbers (the default): then the final
     * check also demands no duplicate at all. A scenario that wants errors to reach the test turns it off.
     */
    protected boolean idempotentProducer() {
        return true;
    }

    /**
     * Whether brokers listen and replicate over TLS + SCRAM ({@code SASL_SSL} listeners,
     * {@code security.inter.broker.protocol=SASL_SSL}, certificates from {@link SharedClusterTls}, SCRAM users from
     * {@link ClusterScram}) and the test's clients connect with it; plaintext by default.
     */
    protected boolean overSaslSsl() {
        return false;
    }

    /** Further broker settings of this scenario (none by default). */
    protected Map<String, String> scenarioBrokerConfig() {
        return Map.of();
    }

    @BeforeEach
    void startClusterAndProducer() {
        FerryClusterBuilder builder = FerryCluster.builder(dir).brokers(3).sessionTimeout(sessionTimeout())
                .brokerConfig("replica.lag.time.max.ms", Long.toString(replicaLagTimeMaxMs()))
                .brokerConfig("replica.fetch.wait.max.ms", "200")
                .brokerConfig("replica.fetch.backoff.ms", "100")
                .brokerConfig("replica.high.watermark.checkpoint.interval.ms", "1000")
                .brokerConfig("controlled.shutdown.timeout.ms", "10000");
        scenarioBrokerConfig().forEach(builder::brokerConfig);
        if (overSaslSsl()) {
            builder.tls(SharedClusterTls.get()).scram(new ClusterScram());
        }
        cluster = builder.start();
        TopicAdmin.createTopic(cluster.bootstrapServers(),
                new CreateTopicsRequest.TopicSpec(TOPIC, PARTITIONS, (short) 3, TopicAdmin.minInsyncReplicas(2)), WAIT,
                cluster.clientSecurity());
        TopicAdmin.awaitFullyReplicated(cluster.bootstrapServers(), TOPIC, PARTITIONS, WAIT, cluster.clientSecurity());
        Map<String, String> security = cluster.clientSettings();
        producer = idempotentProducer() ? AckingProducer.idempotent(cluster.bootstrapServers(), security, TOPIC, PARTITIONS, 20)
                : AckingProducer.withoutRetries(cluster.bootstrapServers(), security, TOPIC, PARTITIONS, 20);
        await().atMost(WAIT).until(() -> producer.ackCount() >= 100);
    }

    @AfterEach
    void stopEverything(TestInfo test) {
        try {
            if (producer != null) {
                producer.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
                keepBrokerLogs(test);
            }
        }
    }

    /** Copies the brokers' log files to {@code target/failure-test-logs/<test class>/} for diagnosis. */
    private void keepBrokerLogs(TestInfo test) {
        Path target = Path.of("target", "failure-test-logs", test.getTestClass().map(Class::getSimpleName).orElse("unknown"));
        try (Stream<Path> logs = Files.list(dir.resolve("logs"))) {
            Files.createDirectories(target);
            for (Path log : logs.toList()) {
                Files.copy(log, target.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.err.println("could not keep broker logs: " + e);
        }
    }

    protected static TopicPartition partition(int p) {
        return new TopicPartition(TOPIC, p);
    }

    protected PartitionState state(int p) {
        return cluster.partitionState(partition(p)).orElseThrow();
    }

    /** Partition to its preferred replica (the first assigned), as the brokers' metadata says. */
    protected Map<Integer, Integer> preferredLeaders() {
        Map<Integer, Integer> preferred = new TreeMap<>();
        ClusterMetadata.fetch(cluster.bootstrapServers(), WAIT).topics().stream()
                .filter(t -> t.name().equals(TOPIC)).flatMap(t -> t.partitions().stream())
                .forEach(p -> preferred.put(p.partition(), p.replicas().get(0)));
        assertThat(preferred).hasSize(PARTITIONS);
        return preferred;
    }

    /** Partition to leader, as recorded in ZooKeeper (partitions without a leader left out). */
    protected Map<Integer, Integer> leaders() {
        Map<Integer, Integer> leaders = new TreeMap<>();
        IntStream.range(0, PARTITIONS).forEach(p -> cluster.partitionState(partition(p))
                .filter(PartitionState::hasLeader).ifPresent(s -> leaders.put(p, s.leader())));
        return leaders;
    }

    /** Waits, without sleeping blindly, for {@code duration} while the producer keeps running. */
    protected static void keepProducing(Duration duration) {
        await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
    }

    protected void awaitFullIsr() {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> IntStream.range(0, PARTITIONS)
                .allMatch(p -> cluster.partitionState(partition(p)).map(s -> s.hasLeader() && s.isr().size() == 3)
                        .orElse(false)));
    }

    /**
     * With every broker running: lets the producer finish (every failed value resent and
     * acknowledged), reads the topic back, checks it against the acknowledgements, stops the
     * brokers and compares their segment files. Returns the report (also printed).
     */
    protected LogVerifier.Report finishAndVerify() {
        awaitFullIsr();
        assertThat(producer.drain(WAIT)).as("every value acknowledged in the end").isTrue();
        producer.close();
        awaitFullIsr();
        Map<TopicPartition, List<ConsumerRecord<String, String>>> log =
                LogVerifier.readAll(cluster.bootstrapServers(), cluster.clientSettings(), TOPIC, PARTITIONS, WAIT);
        LogVerifier.Report report = LogVerifier.verify(log, producer.acks(), producer.retriedValues());
        Map<Integer, Path> dataDirs = new TreeMap<>();
        for (BrokerProcess broker : cluster.brokers()) {
            dataDirs.put(broker.id(), broker.dataDir());
        }
        cluster.brokers().forEach(b -> cluster.sigterm(b.id()));
        LogVerifier.assertReplicasIdentical(dataDirs, TOPIC, report.highWatermarks());
        if (producer.isIdempotent()) {
            assertThat(report.duplicates()).as("duplicates with the idempotent producer").isZero();
        }
        System.out.printf("%s: %d acknowledged, %d records, %d duplicates of retried sends, errors %s%n",
                getClass().getSimpleName(), report.acknowledged(), report.records(), report.duplicates(),
                producer.errorCounts());
        return report;
    }
}
