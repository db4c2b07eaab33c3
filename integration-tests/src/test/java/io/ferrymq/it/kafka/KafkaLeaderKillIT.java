package io.ferrymq.it.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.BrokerProcess;
import io.ferrymq.broker.cluster.TopicAdmin;
import io.ferrymq.client.consumer.ConsumerRecord;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest;
import io.ferrymq.common.record.RecordBatches;
import io.ferrymq.it.harness.FerryCluster;
import io.ferrymq.it.replication.LogVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: the stock kafka-clients producer with its defaults (idempotent, acks=all) sends
 * sequence-numbered values through the Kafka listeners while the leader of partition 0 is killed
 * with kill -9 and later restarted; then the acknowledged history is checked exactly as in
 * Ferry's own failure tests ({@link LogVerifier}): every acknowledged value at the offset it was
 * acknowledged with, dense offsets, no value twice, and every replica holding the same batches.
 */
class KafkaLeaderKillIT {

    private static final String TOPIC = "kafka-verified";
    private static final int PARTITIONS = 6;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private FerryCluster cluster;
    private KafkaAckingProducer producer;

    @AfterEach
    void stopEverything() {
        try {
            if (producer != null) {
                producer.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    void killingTheLeaderUnderTheKafkaProducerLosesAndDuplicatesNothing() {
        cluster = FerryCluster.builder(dir).kafkaListener().sessionTimeout(Duration.ofSeconds(4))
                .brokerConfig("replica.lag.time.max.ms", "10000")
                .brokerConfig("replica.fetch.wait.max.ms", "200")
                .brokerConfig("replica.fetch.backoff.ms", "100")
                .brokerConfig("replica.high.watermark.checkpoint.interval.ms", "1000")
                .start();
        TopicAdmin.createTopic(cluster.bootstrapServers(),
                new CreateTopicsRequest.TopicSpec(TOPIC, PARTITIONS, (short) 3, TopicAdmin.minInsyncReplicas(2)), WAIT);
        TopicAdmin.awaitFullyReplicated(cluster.bootstrapServers(), TOPIC, PARTITIONS, WAIT);
        producer = new KafkaAckingProducer(cluster.kafkaBootstrap(), TOPIC, PARTITIONS, 20);
        await().atMost(WAIT).until(() -> producer.ackCount() >= 100);

        int leader = cluster.awaitLeader(new TopicPartition(TOPIC, 0), WAIT);
        long killedAt = System.nanoTime();
        cluster.kill9(leader);
        // a value handed to the client after the kill can only be acknowledged by the new leader
        await().atMost(WAIT).until(() -> producer.acks().stream().anyMatch(a -> a.partition() == 0 && a.sentAtNanos() > killedAt));
        long failoverMs = (System.nanoTime() - killedAt) / 1_000_000;
        await().atMost(WAIT).until(() -> !cluster.isRegistered(leader));
        cluster.start(leader);
        int acksBefore = producer.ackCount();
        await().atMost(WAIT).until(() -> producer.ackCount() >= acksBefore + 200);

        awaitFullIsr();
        assertThat(producer.drain(WAIT)).as("every value acknowledged in the end").isTrue();
        producer.close();
        Map<TopicPartition, List<ConsumerRecord<String, String>>> log =
                LogVerifier.readAll(cluster.bootstrapServers(), TOPIC, PARTITIONS, WAIT);
        LogVerifier.Report report = LogVerifier.verify(log, producer.acks(), producer.retriedValues());
        assertThat(report.duplicates()).as("duplicates with Kafka's idempotent producer").isZero();
        Map<Integer, Path> dataDirs = new TreeMap<>();
        for (BrokerProcess broker : cluster.brokers()) {
            dataDirs.put(broker.id(), broker.dataDir());
        }
        cluster.brokers().forEach(b -> cluster.sigterm(b.id()));
        LogVerifier.assertReplicasIdentical(dataDirs, TOPIC, report.highWatermarks());
        assertThat(producerIds(cluster.broker(1).dataDir())).as("producer ids of the stored batches: the default producer is idempotent")
                .isNotEmpty().allSatisfy(id -> assertThat(id).isNotNegative());
        System.out.printf("KafkaLeaderKillIT: killed broker %d, partition 0 acknowledged again (a value sent after the kill) after %d ms; %d acknowledged, %d records,"
                + " 0 lost, %d duplicates, client errors %s%n", leader, failoverMs, report.acknowledged(), report.records(),
                report.duplicates(), producer.errorCounts());
    }

    /** The producer ids of every batch of the topic stored under {@code dataDir} (read from the segment files). */
    private static Set<Long> producerIds(Path dataDir) {
        Set<Long> ids = new HashSet<>();
        for (int p = 0; p < PARTITIONS; p++) {
            try (Stream<Path> files = Files.list(dataDir.resolve(TOPIC + "-" + p))) {
                for (Path segment : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                    RecordBatches.wrap(ByteBuffer.wrap(Files.readAllBytes(segment))).forEach(b -> ids.add(b.producerId()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading the segments of partition " + p + " in " + dataDir, e);
            }
        }
        return ids;
    }

    private void awaitFullIsr() {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> IntStream.range(0, PARTITIONS)
                .allMatch(p -> cluster.partitionState(new TopicPartition(TOPIC, p))
                        .map(s -> s.hasLeader() && s.isr().size() == 3).orElse(false)));
    }
}
