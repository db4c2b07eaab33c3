package io.ferrymq.it.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.BrokerProcess;
import io.ferrymq.broker.cluster.ClusterMetadata;
import io.ferrymq.broker.cluster.TopicAdmin;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest;
import io.ferrymq.common.protocol.responses.MetadataResponse.PartitionMetadata;
import io.ferrymq.it.harness.BrokerLogs;
import io.ferrymq.it.harness.FerryCluster;
import io.ferrymq.it.replication.AckingProducer;
import io.ferrymq.it.replication.LogVerifier;
import io.ferrymq.it.storage.ProduceErrors.ProduceError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frame of the measured storage-fault tests (issue 17): three broker processes on an embedded
 * ZooKeeper, each with two log dirs ({@code log.dirs=data,disk}, relative to the broker's working
 * directory {@code broker-<id>/}); broker {@value #FAULTY}'s {@code disk} is a {@link FaultDisk}. A topic
 * of {@value #PARTITIONS} partitions, replication factor 3, {@code min.insync.replicas=2}, spread by the
 * broker over both dirs (least loaded), with the preferred leaders of {@link #ASSIGNMENT} (leadership is
 * handed to them within a second: {@code leader.imbalance.check.interval.seconds=1}), under acks=all load
 * from an idempotent {@link AckingProducer}.
 *
 * <p>{@link #faultMovesLeadershipAndReplicasRecover} injects the fault and checks: every leadership the
 * broker held in the failing dir moved within {@link #MAX_MOVE} of the fault (measured and printed); its
 * replicas there are offline in metadata; the leaderships of its healthy dir stayed; produce errors
 * happened only between the fault and the moment every affected partition acknowledged a value sent after
 * the move; after the broker restarts on the repaired disk, no acknowledged value is lost or duplicated and
 * the replicas are byte-identical. Cleanup (producer, brokers, then the disk) runs also on failure.
 */
abstract class StorageFaultScenario {

    static final String TOPIC = "verified";
    static final int PARTITIONS = 6;
    static final int FAULTY = 2;
    static final Duration MAX_MOVE = Duration.ofSeconds(5);
    static final Duration WAIT = Duration.ofSeconds(60);
    /**
     * Replicas per partition, preferred leader first: each broker prefers two partitions, one even and one
     * odd. Each broker places new partitions in its least-loaded dir, {@code data} first on a tie, so the
     * {@code disk} of broker {@value #FAULTY} gets the odd ones: it leads partition 1 there and follows 3 and 5.
     */
    static final Map<Integer, List<Integer>> ASSIGNMENT = Map.of(0, List.of(1, 2, 3), 1, List.of(2, 3, 1),
            2, List.of(3, 1, 2), 3, List.of(1, 3, 2), 4, List.of(2, 1, 3), 5, List.of(3, 2, 1));

    @TempDir
    Path dir;

    FaultDisk disk;
    FerryCluster cluster;
    AckingProducer producer;

    /** The filesystem under broker {@value #FAULTY}'s second log dir. */
    abstract FaultDisk createDisk();

    @BeforeEach
    void startClusterOnTheDisk() throws IOException {
        disk = createDisk();
        Path brokerDir = Files.createDirectories(dir.resolve("broker-" + FAULTY));
        Files.createSymbolicLink(brokerDir.resolve("disk"), disk.mountPoint());
        cluster = FerryCluster.builder(dir).brokers(3).sessionTimeout(Duration.ofSeconds(4))
                .brokerConfig("log.dirs", "data,disk")
                .brokerConfig("replica.lag.time.max.ms", "10000")
                .brokerConfig("replica.fetch.wait.max.ms", "200")
                .brokerConfig("replica.fetch.backoff.ms", "100")
                .brokerConfig("replica.high.watermark.checkpoint.interval.ms", "1000")
                .brokerConfig("controlled.shutdown.timeout.ms", "10000")
                .brokerConfig("leader.imbalance.check.interval.seconds", "1")
                .start();
        TopicAdmin.createTopic(cluster.bootstrapServers(), new CreateTopicsRequest.TopicSpec(TOPIC, -1, (short) -1,
                TopicAdmin.minInsyncReplicas(2), ASSIGNMENT), WAIT);
        TopicAdmin.awaitFullyReplicated(cluster.bootstrapServers(), TOPIC, PARTITIONS, WAIT);
        await("every partition led by its preferred replica").atMost(WAIT).until(() -> ASSIGNMENT.entrySet().stream()
                .allMatch(e -> cluster.partitionState(new TopicPartition(TOPIC, e.getKey())).orElseThrow().leader()
                        == e.getValue().get(0)));
        producer = AckingProducer.idempotent(cluster.bootstrapServers(), TOPIC, PARTITIONS, 20);
        await().atMost(WAIT).until(() -> producer.ackCount() >= 100);
    }

    @AfterEach
    void stopEverything() {
        try {
            if (producer != null) {
                producer.close();
            }
        } finally {
            try {
                if (cluster != null) {
                    cluster.close();
                    BrokerLogs.keep(dir, getClass());
                }
            } finally {
                if (disk != null) {
                    disk.close();
                }
            }
        }
    }

    /** Injects {@code fault} under load, checks the move and the recovery (see the class javadoc). */
    void faultMovesLeadershipAndReplicasRecover(String fault, Runnable inject) {
        DirLayout layout = leaderAndFollowerOnTheDisk();
        try (ProduceErrors errors = ProduceErrors.attach()) {
            long faultAt = System.nanoTime();
            inject.run();
            Map<Integer, Duration> moves = LeadershipMoves.measure(cluster, TOPIC, layout.ledOnFailingDir(), FAULTY,
                    faultAt, MAX_MOVE.multipliedBy(4));
            System.out.printf("%s (%s): leadership moved off broker %d after %s (partition: time since the fault)%n",
                    getClass().getSimpleName(), fault, FAULTY, moves);
            assertThat(moves).allSatisfy((p, took) -> assertThat(took).as("move of partition %d", p)
                    .isLessThanOrEqualTo(MAX_MOVE));
            awaitMetadata("replicas of broker " + FAULTY + " in " + layout.onFailingDir() + " offline", p ->
                    !layout.onFailingDir().contains(p.partition())
                            || p.offlineReplicas().contains(FAULTY) && !p.isr().contains(FAULTY));
            long movedAt = faultAt + moves.values().stream().max(Duration::compareTo).orElseThrow().toNanos();
            long recoveredAt = awaitProducingAfter(layout.onFailingDir(), movedAt);
            assertLeadershipStayed(layout.ledElsewhere());
            assertErrorsOnlyBetween(errors.errors(), faultAt, recoveredAt);
        }
        cluster.sigterm(FAULTY);
        disk.repair();
        cluster.start(FAULTY);
        finishAndVerify();
    }

    /** Where broker {@value #FAULTY}'s replicas are; it must both lead and follow partitions on the disk. */
    private DirLayout leaderAndFollowerOnTheDisk() {
        DirLayout layout = DirLayout.read(cluster, TOPIC, PARTITIONS, FAULTY, disk.mountPoint());
        System.out.printf("%s: broker %d's failing dir holds %s%n", getClass().getSimpleName(), FAULTY, layout);
        assertThat(layout.ledOnFailingDir()).as("partitions broker %d leads in its failing dir (%s)", FAULTY, layout)
                .isNotEmpty();
        assertThat(layout.followedOnFailingDir()).as("partitions broker %d follows in its failing dir (%s)", FAULTY,
                layout).isNotEmpty();
        return layout;
    }

    /** Waits until every affected partition acknowledged a value sent after {@code movedAt}; returns when the last did. */
    private long awaitProducingAfter(Set<Integer> partitions, long movedAt) {
        Map<Integer, Long> firstAck = new TreeMap<>();
        await("a value sent after the move acknowledged on each of " + partitions).atMost(WAIT).until(() -> {
            for (AckingProducer.Ack ack : producer.acks()) {
                if (partitions.contains(ack.partition()) && ack.sentAtNanos() > movedAt) {
                    firstAck.merge(ack.partition(), ack.ackedAtNanos(), Math::min);
                }
            }
            return firstAck.keySet().containsAll(partitions);
        });
        return firstAck.values().stream().max(Long::compare).orElseThrow();
    }

    private void assertLeadershipStayed(Collection<Integer> partitions) {
        for (int p : partitions) {
            assertThat(cluster.partitionState(new TopicPartition(TOPIC, p)).orElseThrow().leader())
                    .as("leader of partition %d, in broker %d's healthy dir", p, FAULTY).isEqualTo(FAULTY);
        }
    }

    private static void assertErrorsOnlyBetween(List<ProduceError> errors, long faultAt, long recoveredAt) {
        System.out.printf("produce errors (retried by the client): %d, at ms since the fault: %s%n", errors.size(),
                errors.stream().map(e -> e.partition() + " " + e.error() + " @" + (e.atNanos() - faultAt) / 1_000_000)
                        .toList());
        assertThat(errors).as("produce errors outside the move (fault .. recovered at %d ms)",
                        (recoveredAt - faultAt) / 1_000_000)
                .allSatisfy(e -> assertThat(e.atNanos()).isBetween(faultAt, recoveredAt));
    }

    private void awaitMetadata(String what, Predicate<PartitionMetadata> condition) {
        await(what).atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() ->
                ClusterMetadata.fetch(cluster.bootstrapServers(), Duration.ofSeconds(3)).topics().stream()
                        .filter(t -> t.name().equals(TOPIC)).flatMap(t -> t.partitions().stream())
                        .allMatch(condition));
    }

    /**
     * Once every replica is back in sync: drains the producer, checks the topic against the
     * acknowledgements (nothing lost, nothing duplicated), stops the brokers and compares every
     * replica's bytes below the high watermark.
     */
    private void finishAndVerify() {
        awaitMetadata("every replica in sync and none offline",
                p -> p.isr().size() == 3 && p.offlineReplicas().isEmpty());
        assertThat(producer.drain(WAIT)).as("every value acknowledged in the end").isTrue();
        producer.close();
        assertThat(producer.errorCounts()).as("errors that reached the application").isEmpty();
        LogVerifier.Report report = LogVerifier.verify(LogVerifier.readAll(cluster.bootstrapServers(), TOPIC,
                PARTITIONS, WAIT), producer.acks(), producer.retriedValues());
        assertThat(report.duplicates()).as("duplicates with the idempotent producer").isZero();
        cluster.brokers().forEach(b -> cluster.sigterm(b.id()));
        report.highWatermarks().forEach((tp, hw) -> {
            Map<Integer, ReplicaDigests.Digest> digests = new TreeMap<>();
            for (BrokerProcess broker : cluster.brokers()) {
                Path brokerDir = broker.dataDir().getParent();
                digests.put(broker.id(), ReplicaDigests.of(List.of(brokerDir.resolve("data"), brokerDir.resolve("disk")),
                        TOPIC, tp.partition(), hw));
            }
            assertThat(Set.copyOf(digests.values())).as("replicas of %s below %d: %s", tp, hw, digests).hasSize(1);
        });
        System.out.printf("%s: %d acknowledged, %d records, high watermarks %s, replicas byte-identical%n",
                getClass().getSimpleName(), report.acknowledged(), report.records(), report.highWatermarks());
    }
}
