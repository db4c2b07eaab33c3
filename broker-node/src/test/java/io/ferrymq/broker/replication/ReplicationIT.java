package io.ferrymq.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.log.PartitionLog;
import io.ferrymq.broker.partition.Partition;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.Record;
import io.ferrymq.common.record.RecordBatchBuilder;
import io.ferrymq.common.record.RecordBatches;
import io.ferrymq.coordinator.metadata.NewTopic;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three brokers' replication stacks in one JVM on an embedded ZooKeeper, real logs on disk, follower
 * fetches routed in process: commit on every ISR member, failover without losing acknowledged
 * writes, NOT_ENOUGH_REPLICAS below min.insync.replicas and recovery, controlled shutdown.
 */
class ReplicationIT {

    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private TestingServer zookeeper;
    private final InProcessEndpoints endpoints = new InProcessEndpoints();
    private final Map<Integer, InProcessBroker> brokers = new TreeMap<>();

    /** Tag of tests whose brokers run the preferred-leader rebalance (every 500 ms; off for the others). */
    private static final String REBALANCE = "leader-rebalance";

    private boolean leaderRebalance;

    @BeforeEach
    void startCluster(TestInfo test) throws Exception {
        leaderRebalance = test.getTags().contains(REBALANCE);
        zookeeper = new TestingServer(true);
        for (int id = 1; id <= 3; id++) {
            start(id);
        }
        brokers.get(1).metadata.createTopic(new NewTopic(TP.topic(), 1, 3, Map.of("min.insync.replicas", "2")));
    }

    @AfterEach
    void stopCluster() throws Exception {
        brokers.values().forEach(InProcessBroker::close);
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    private void start(int id) {
        ReplicationConfig config = new ReplicationConfig(id, 1_500, 1, false, 1 << 20, 10 << 20, 200, 1, 100, 3_000, 1,
                500, Duration.ofSeconds(5), leaderRebalance, Duration.ofMillis(500));
        brokers.put(id, new InProcessBroker(id, zookeeper.getConnectString(), dir.resolve("broker-" + id), config, endpoints));
    }

    private void stop(int id) {
        brokers.remove(id).close();
    }

    private Optional<Partition> replica(int id) {
        return brokers.get(id).replicas.partition(TP);
    }

    private InProcessBroker awaitLeader() {
        return await().atMost(WAIT).until(() -> brokers.values().stream()
                .filter(b -> b.replicas.partition(TP).map(Partition::isLeader).orElse(false)).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private static ByteBuffer batch(String value) {
        return RecordBatchBuilder.allocate(128, CompressionType.NONE)
                .append(System.currentTimeMillis(), null, value.getBytes(StandardCharsets.UTF_8)).build().buffer().duplicate();
    }

    private static PartitionProduceResult produce(InProcessBroker leader, short acks, String value) throws Exception {
        return leader.replicas.appendRecords(acks, 5_000, Map.of(TP, batch(value))).get(10, TimeUnit.SECONDS).get(TP);
    }

    private static List<String> values(InProcessBroker broker) {
        PartitionLog log = broker.logs.get(TP).orElseThrow();
        List<String> out = new ArrayList<>();
        long offset = log.logStartOffset();
        while (offset < log.logEndOffset()) {
            var read = log.read(offset, 1 << 20, Long.MAX_VALUE, true);
            for (Record record : RecordBatches.wrap(read.records().readFully()).records()) {
                out.add(record.offset() + ":" + new String(record.valueBytes().orElseThrow(), StandardCharsets.UTF_8));
            }
            offset = read.nextOffset();
        }
        return out;
    }

    private static ByteBuffer bytes(InProcessBroker broker) {
        PartitionLog log = broker.logs.get(TP).orElseThrow();
        return log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true).records().readFully();
    }

    @Test
    void acksAllWritesAreCommittedOnEveryReplicaWithIdenticalBytes() throws Exception {
        InProcessBroker leader = awaitLeader();
        await().atMost(WAIT).until(() -> replica(leader.id).orElseThrow().isr().size() == 3);
        for (int i = 0; i < 20; i++) {
            PartitionProduceResult result = produce(leader, (short) -1, "v" + i);
            assertThat(result.error()).as(result.errorMessage()).isEqualTo(ErrorCode.NONE);
            assertThat(result.baseOffset()).isEqualTo(i);
        }
        await().atMost(WAIT).until(() -> brokers.keySet().stream()
                .allMatch(id -> replica(id).orElseThrow().highWatermark() == 20 && replica(id).orElseThrow().logEndOffset() == 20));
        for (InProcessBroker broker : brokers.values()) {
            assertThat(bytes(broker)).isEqualTo(bytes(leader));
        }
    }

    @Test
    void aTopicConfigChangeAppliesToTheLiveLogOfEveryReplica() throws Exception {
        InProcessBroker leader = awaitLeader();
        await().atMost(WAIT).until(() -> replica(leader.id).orElseThrow().isr().size() == 3);
        assertThat(produce(leader, (short) -1, "before").error()).isEqualTo(ErrorCode.NONE);

        leader.metadata.alterTopicConfigs(TP.topic(), Map.of("min.insync.replicas", "2", "segment.bytes", "300",
                "max.message.bytes", "150", "message.timestamp.type", "LogAppendTime"));
        await().atMost(WAIT).until(() -> brokers.values().stream().map(b -> b.logs.get(TP).orElseThrow().config())
                .allMatch(c -> c.segmentBytes() == 300 && c.messageMaxBytes() == 150));

        PartitionProduceResult tooLarge = produce(leader, (short) -1, "x".repeat(200));
        assertThat(tooLarge.error()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
        for (int i = 0; i < 10; i++) {
            assertThat(produce(leader, (short) -1, "v" + i).error()).isEqualTo(ErrorCode.NONE);
        }
        await().atMost(WAIT).until(() -> brokers.values().stream()
                .allMatch(b -> b.logs.get(TP).orElseThrow().logEndOffset() == 11));
        for (InProcessBroker broker : brokers.values()) {
            PartitionLog log = broker.logs.get(TP).orElseThrow();
            assertThat(log.segmentCount()).as("broker %d rolls at 300 bytes", broker.id).isGreaterThanOrEqualTo(3);
            assertThat(values(broker)).hasSize(11);
            assertThat(RecordBatches.wrap(log.read(1, 1 << 20, Long.MAX_VALUE, true).records().readFully()))
                    .allMatch(b -> b.timestampType() == io.ferrymq.common.record.TimestampType.LOG_APPEND_TIME);
        }
    }

    @Test
    void failoverKeepsEveryAcknowledgedWriteAndTheOldLeaderRejoins() throws Exception {
        InProcessBroker leader = awaitLeader();
        await().atMost(WAIT).until(() -> replica(leader.id).orElseThrow().isr().size() == 3);
        List<String> acked = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            PartitionProduceResult r = produce(leader, (short) -1, "a" + i);
            assertThat(r.error()).isEqualTo(ErrorCode.NONE);
            acked.add(r.baseOffset() + ":a" + i);
        }
        int oldId = leader.id;
        stop(oldId);
        InProcessBroker successor = awaitLeader();
        assertThat(successor.id).isNotEqualTo(oldId);
        for (int i = 0; i < 10; i++) {
            String value = "b" + i;
            PartitionProduceResult r = await().atMost(WAIT).until(() -> produce(successor, (short) -1, value),
                    res -> res.error() == ErrorCode.NONE);
            acked.add(r.baseOffset() + ":" + value);
        }
        assertThat(values(successor)).containsAll(acked);
        start(oldId);
        await().atMost(WAIT).until(() -> replica(successor.id).orElseThrow().isr().size() == 3
                && replica(oldId).orElseThrow().logEndOffset() == successor.logs.get(TP).orElseThrow().logEndOffset());
        assertThat(values(brokers.get(oldId))).isEqualTo(values(successor));
    }

    @Test
    @Tag(REBALANCE)
    void theRestartedPreferredReplicaLeadsAgainWithEveryAcknowledgedWrite() throws Exception {
        InProcessBroker preferred = awaitLeader();
        int preferredId = preferred.id;
        assertThat(preferred.metadata.topic(TP.topic()).orElseThrow().replicas(TP.partition()).get(0)).isEqualTo(preferredId);
        await().atMost(WAIT).until(() -> replica(preferredId).orElseThrow().isr().size() == 3);
        List<String> acked = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            acked.add(produce(preferred, (short) -1, "p" + i).baseOffset() + ":p" + i);
        }
        stop(preferredId);
        InProcessBroker successor = awaitLeader();
        for (int i = 0; i < 5; i++) {
            String value = "s" + i;
            PartitionProduceResult r = await().atMost(WAIT).until(() -> produce(successor, (short) -1, value),
                    res -> res.error() == ErrorCode.NONE);
            acked.add(r.baseOffset() + ":" + value);
        }
        int successorEpoch = replica(successor.id).orElseThrow().leaderEpoch();

        start(preferredId);

        InProcessBroker back = await().atMost(WAIT).until(this::awaitLeader, b -> b.id == preferredId);
        assertThat(replica(preferredId).orElseThrow().leaderEpoch()).isEqualTo(successorEpoch + 1);
        String value = "after";
        PartitionProduceResult r = await().atMost(WAIT).until(() -> produce(back, (short) -1, value),
                res -> res.error() == ErrorCode.NONE);
        acked.add(r.baseOffset() + ":" + value);
        assertThat(values(back)).containsExactlyElementsOf(acked);
    }

    @Test
    void acksAllIsRefusedBelowMinInsyncReplicasAndRecoversWhenFollowersReturn() throws Exception {
        InProcessBroker leader = awaitLeader();
        List<Integer> followers = brokers.keySet().stream().filter(id -> id != leader.id).toList();
        followers.forEach(this::stop);
        await().atMost(WAIT).until(() -> replica(leader.id).orElseThrow().isr().size() == 1);
        PartitionProduceResult refused = produce(leader, (short) -1, "x");
        assertThat(refused.error()).isEqualTo(ErrorCode.NOT_ENOUGH_REPLICAS);
        assertThat(refused.errorMessage()).contains("min.insync.replicas=2");
        assertThat(produce(leader, (short) 1, "one").error()).isEqualTo(ErrorCode.NONE);
        followers.forEach(this::start);
        await().atMost(WAIT).until(() -> replica(leader.id).orElseThrow().isr().size() == 3);
        assertThat(produce(leader, (short) -1, "y").error()).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void controlledShutdownHandsLeadershipToACaughtUpFollower() throws Exception {
        InProcessBroker leader = awaitLeader();
        await().atMost(WAIT).until(() -> replica(leader.id).orElseThrow().isr().size() == 3);
        List<String> acked = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            acked.add(produce(leader, (short) -1, "c" + i).baseOffset() + ":c" + i);
        }
        leader.replicas.resignLeaderships();
        PartitionProduceResult afterResign = produce(leader, (short) -1, "late");
        assertThat(afterResign.error()).isEqualTo(ErrorCode.NOT_LEADER_OR_FOLLOWER);
        stop(leader.id);
        InProcessBroker successor = awaitLeader();
        assertThat(values(successor)).containsExactlyElementsOf(acked);
        assertThat(produce(successor, (short) -1, "next").error()).isIn(ErrorCode.NONE);
    }

    @Test
    void consumerLongPollWaitsForTheHighWatermarkAndFollowerFetchesNeedAnEpoch() throws Exception {
        InProcessBroker leader = awaitLeader();
        await().atMost(WAIT).until(() -> replica(leader.id).orElseThrow().isr().size() == 3);
        var poll = leader.replicas.fetch(new FetchParams(FetchParams.CONSUMER_REPLICA_ID, 20_000, 1, 1 << 20),
                Map.of(TP, new PartitionFetchRequest(0, -1, 1 << 20)));
        assertThat(poll).isNotDone();
        assertThat(produce(leader, (short) -1, "wake").error()).isEqualTo(ErrorCode.NONE);
        PartitionFetchResult woken = poll.get(10, TimeUnit.SECONDS).get(TP);
        assertThat(woken.error()).isEqualTo(ErrorCode.NONE);
        assertThat(RecordBatches.wrap(woken.records().toByteBuffer()).records()).hasSize(1);
        assertThat(woken.highWatermark()).isEqualTo(1);

        int follower = brokers.keySet().stream().filter(id -> id != leader.id).findFirst().orElseThrow();
        PartitionFetchResult noEpoch = leader.replicas.fetch(new FetchParams(follower, 0, 1, 1 << 20),
                Map.of(TP, new PartitionFetchRequest(0, -1, 1 << 20))).get(10, TimeUnit.SECONDS).get(TP);
        assertThat(noEpoch.error()).isEqualTo(ErrorCode.INVALID_REQUEST);
        PartitionProduceResult badAcks = leader.replicas.appendRecords((short) 2, 1_000, Map.of(TP, batch("x")))
                .get(10, TimeUnit.SECONDS).get(TP);
        assertThat(badAcks.error()).isEqualTo(ErrorCode.INVALID_REQUIRED_ACKS);
    }

    @Test
    void deletedTopicLeavesNoReplicaBehindAndDeletionCompletes() {
        awaitLeader();
        brokers.get(1).metadata.deleteTopic(TP.topic());
        await().atMost(WAIT).until(() -> brokers.values().stream()
                .allMatch(b -> b.replicas.partition(TP).isEmpty() && b.logs.get(TP).isEmpty()));
        await().atMost(WAIT).until(() -> brokers.get(1).metadata.topic(TP.topic()).isEmpty());
        assertThat(brokers.get(2).replicas.listOffset(TP, -1, -1).error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    }

    @Test
    void leaderRefusesWritesWhileZooKeeperIsUnreachableAndRecoversAfterwards() throws Exception {
        InProcessBroker leader = awaitLeader();
        await().atMost(WAIT).until(() -> replica(leader.id).orElseThrow().isr().size() == 3);
        zookeeper.stop();
        try {
            await().atMost(WAIT).until(() -> produce(leader, (short) 1, "cut-off").error(),
                    error -> error == ErrorCode.NOT_LEADER_OR_FOLLOWER);
            assertThat(replica(leader.id).orElseThrow().isLeader()).isFalse();
        } finally {
            zookeeper.restart();
        }
        await().atMost(WAIT).until(() -> produce(awaitLeader(), (short) -1, "after").error() == ErrorCode.NONE);
    }
}
