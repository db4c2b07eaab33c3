package io.ferrymq.it.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.BrokerProcess;
import io.ferrymq.broker.cluster.TopicAdmin;
import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.admin.FerryAdmin;
import io.ferrymq.client.admin.NewTopic;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.record.HostileBatches;
import io.ferrymq.it.harness.BrokerLogs;
import io.ferrymq.it.harness.FerryCluster;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: hand-built hostile batches, each with a correct CRC, sent over a raw socket (no producer
 * checks) to the leader of a partition with replication factor 3 and {@code min.insync.replicas=2}
 * on three broker processes. Each case expects its partition's error code and message, nothing of a
 * refused batch on any replica (log end offsets read from the segment files), every broker alive
 * with its heap peak below {@link ClusterChecks#HEAP_BOUND_BYTES} (brokers run with -Xmx768m), then
 * 100 acks=all records at consecutive offsets on every replica and through a consumer, and a full
 * ISR ({@link HostileCase}). The last test kills the leader with -9, restarts it and reads every
 * record of the earlier cases again. One cluster for the class; each case has its own topic, all led
 * by broker 1 at first; a broker a case killed is restarted before the next. The bomb runs last of
 * the cases, as it is the one likely to kill a broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileBatchIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int BOMB_RECORDS = 900;
    private static final int MIB = 1 << 20;
    /** The broker's default {@code message.max.bytes}: the bomb must be below it, so only its inflated size can refuse it. */
    private static final int MESSAGE_MAX_BYTES = 1_048_588;
    private static final List<String> TOPICS = List.of("lying-count", "noise", "lying-pair", "bomb");
    private static final int PREFERRED_LEADER = 1;
    private static final List<Integer> REPLICAS = List.of(PREFERRED_LEADER, 2, 3);

    @TempDir
    static Path dir;

    private FerryCluster cluster;
    private Admin admin;
    private ClusterChecks checks;
    private GoodTraffic traffic;
    private HostileCase hostile;

    @BeforeAll
    void startCluster() {
        cluster = FerryCluster.builder(dir).brokers(3).sessionTimeout(Duration.ofSeconds(4))
                .jvmOptions(List.of("-Xms32m", "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "-XX:+ExitOnOutOfMemoryError"))
                .brokerConfig("replica.lag.time.max.ms", "10000")
                .brokerConfig("replica.fetch.wait.max.ms", "200")
                .brokerConfig("replica.fetch.backoff.ms", "100")
                .brokerConfig("controlled.shutdown.timeout.ms", "10000")
                .brokerConfig("leader.imbalance.check.interval.seconds", "1")
                .start();
        admin = FerryAdmin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
        admin.createTopics(TOPICS.stream().map(t -> new NewTopic(t, OptionalInt.empty(), Optional.empty(),
                Map.of("min.insync.replicas", "2"), Map.of(0, REPLICAS, 1, REPLICAS))).toList());
        checks = new ClusterChecks(cluster, admin);
        traffic = new GoodTraffic(cluster.bootstrapServers(), WAIT);
        hostile = new HostileCase(cluster, checks, traffic, WAIT);
    }

    @AfterAll
    void stopEverything() {
        try {
            closeAll(traffic, checks, admin);
        } finally {
            if (cluster != null) {
                cluster.close();
                BrokerLogs.keep(dir, getClass());
            }
        }
    }

    /** Closes every client, also after one failed to close; then throws the first failure. */
    private static void closeAll(AutoCloseable... clients) {
        IllegalStateException first = null;
        for (AutoCloseable client : clients) {
            try {
                if (client != null) {
                    client.close();
                }
            } catch (Exception e) {
                first = first != null ? first : new IllegalStateException("closing " + client, e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Restarts a broker an earlier case killed and waits until every replica of every topic is in
     * sync and broker 1 leads every partition again (so one request can carry two partitions).
     */
    @BeforeEach
    void everyBrokerRunsInSyncAndBrokerOneLeads() {
        restartDeadBrokersAndAwaitFullIsr();
        await("every partition led by its preferred replica, broker 1").atMost(WAIT).until(() -> TOPICS.stream()
                .flatMap(t -> Stream.of(new TopicPartition(t, 0), new TopicPartition(t, 1)))
                .allMatch(tp -> cluster.leaderOf(tp).equals(OptionalInt.of(PREFERRED_LEADER))));
    }

    private void restartDeadBrokersAndAwaitFullIsr() {
        for (BrokerProcess broker : cluster.brokers()) {
            if (!broker.isAlive()) {
                await().atMost(WAIT).until(() -> !cluster.isRegistered(broker.id()));
                cluster.start(broker.id());
            }
        }
        TOPICS.forEach(t -> TopicAdmin.awaitFullyReplicated(cluster.bootstrapServers(), t, 2, WAIT));
    }

    /** Case 2: a 61-byte header claiming 2^31-1 records, lastOffsetDelta 2^31-2. */
    @Test
    @Order(1)
    void aHeaderClaimingIntegerMaxRecordsIsRefusedWithInvalidRecord() {
        hostile.run("lying-count", Map.of(0,
                HostileCase.Payload.refused(HostileBatches.lyingCount(), ErrorCode.INVALID_RECORD)));
    }

    /** Case 3: 10 records claimed, random bytes instead, CRC computed over them. */
    @Test
    @Order(2)
    void randomRecordsUnderACorrectCrcAreRefusedWithInvalidRecord() {
        hostile.run("noise", Map.of(0,
                HostileCase.Payload.refused(HostileBatches.noise(10, 400, 14L), ErrorCode.INVALID_RECORD)));
    }

    /** Case 4: partition 0 gets the lying batch then a valid one, partition 1 a valid one, in one request. */
    @Test
    @Order(3)
    void aLyingBatchFailsItsWholePartitionAndOnlyThatPartition() {
        ByteBuffer lyingThenValid = HostileBatches.concat(HostileBatches.lyingCount(),
                HostileBatches.valid("p0-after-lie-0", "p0-after-lie-1"));
        List<String> valid = List.of("p1-valid-0", "p1-valid-1", "p1-valid-2");
        hostile.run("lying-pair", Map.of(
                0, HostileCase.Payload.refused(lyingThenValid, ErrorCode.INVALID_RECORD),
                1, HostileCase.Payload.accepted(HostileBatches.valid(valid.toArray(String[]::new)), valid)));
    }

    /** Case 1: 900 valid records of 1 MiB of zeros each, gzip, under 1 MB on the wire. */
    @Test
    @Order(4)
    void aGzipBombIsRefusedWithMessageTooLargeWithoutBeingInflated() {
        ByteBuffer bomb = HostileBatches.bomb(BOMB_RECORDS, MIB);
        assertThat(bomb.remaining()).as("the bomb on the wire, below message.max.bytes %d", MESSAGE_MAX_BYTES)
                .isLessThan(1_000_000);
        hostile.run("bomb", Map.of(0,
                HostileCase.Payload.refused(bomb, ErrorCode.MESSAGE_TOO_LARGE)));
    }

    @Test
    @Order(5)
    void everyRecordReadsBackOnEveryReplicaAfterKill9AndRestartOfTheLeader() {
        List<Readable> beforeKill = new ArrayList<>();
        for (String topic : TOPICS) {
            beforeKill.add(traffic.send(new TopicPartition(topic, 0), topic + "-before-kill", 100));
        }
        cluster.kill9(PREFERRED_LEADER); // the leader of every partition (see @BeforeEach)
        await().atMost(WAIT).until(() -> !cluster.isRegistered(PREFERRED_LEADER));
        cluster.start(PREFERRED_LEADER);
        restartDeadBrokersAndAwaitFullIsr();
        hostile.checkAcknowledgedReadable(beforeKill);
    }
}
