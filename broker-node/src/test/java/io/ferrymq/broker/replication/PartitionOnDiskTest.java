package io.ferrymq.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.log.LogConfig;
import io.ferrymq.broker.log.LogManager;
import io.ferrymq.broker.partition.LeaderAppend;
import io.ferrymq.broker.partition.Partition;
import io.ferrymq.broker.partition.PartitionConfig;
import io.ferrymq.broker.partition.ReadResult;
import io.ferrymq.broker.partition.TruncationDecision;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.RecordBatch;
import io.ferrymq.common.record.RecordBatchBuilder;
import io.ferrymq.common.record.RecordBatches;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partitions of three replicas, each on a real {@link LogManager} in its own directory, with fetches
 * driven by hand (no ZooKeeper, no threads): high watermark, acks=all completion order, truncation of
 * divergent tails, and identical replicas afterwards.
 */
class PartitionOnDiskTest {

    private static final TopicPartition TP = new TopicPartition("events", 0);
    private static final short ACKS_ALL = -1;

    @TempDir
    Path dir;

    private final List<LogManager> managers = new ArrayList<>();
    private final Map<Integer, Partition> replicas = new HashMap<>();
    private final DelayedOperationPurgatory<TopicPartition> purgatory = new DelayedOperationPurgatory<>("test");

    @AfterEach
    void close() {
        purgatory.close();
        managers.forEach(LogManager::close);
    }

    private Partition replica(int broker) {
        LogManager logs = LogManager.open(LogConfig.defaults(dir.resolve("broker-" + broker)).withSegmentBytes(1024),
                Clock.systemUTC());
        managers.add(logs);
        Partition partition = new Partition(TP, new PartitionLogReplica(logs.getOrCreate(TP), logs.failureChannel()),
                new PartitionConfig(broker, List.of(1, 2, 3), 2, 30_000), 0, Clock.systemUTC());
        replicas.put(broker, partition);
        return partition;
    }

    private static ByteBuffer batch(String... values) {
        RecordBatchBuilder builder = RecordBatchBuilder.allocate(256, CompressionType.NONE);
        for (String value : values) {
            builder.append(1_000L, null, value.getBytes(StandardCharsets.UTF_8));
        }
        return builder.build().buffer().duplicate();
    }

    /** One follower round trip: report the log end to the leader, copy what it returns. */
    private static void fetchOnce(Partition follower, int followerId, Partition leader) {
        long offset = follower.logEndOffset();
        leader.updateFollowerFetchState(followerId, offset, leader.leaderEpoch());
        ReadResult read = leader.read(offset, leader.leaderEpoch(), 300, true, true);
        follower.appendAsFollower(read.records().toByteBuffer(), offset, leader.leaderEpoch(), read.highWatermark());
    }

    private static void truncateAgainst(Partition follower, Partition leader) {
        for (int round = 0; round < 10; round++) {
            int latest = follower.latestLocalEpoch().orElseThrow();
            TruncationDecision decision = follower.decideTruncation(
                    leader.lastOffsetForLeaderEpoch(leader.leaderEpoch(), latest));
            follower.truncateTo(decision.truncateTo(), leader.leaderEpoch());
            if (decision.complete()) {
                return;
            }
        }
        throw new AssertionError("truncation did not converge");
    }

    private CompletableFuture<Map<TopicPartition, PartitionProduceResult>> produceAll(Partition leader, String value) {
        LeaderAppend append = leader.appendAsLeader(batch(value), ACKS_ALL);
        CompletableFuture<Map<TopicPartition, PartitionProduceResult>> done = new CompletableFuture<>();
        purgatory.tryCompleteElseWatch(new DelayedProduce(30_000, Map.of(),
                Map.of(TP, new DelayedProduce.PendingAppend(append.requiredOffset(), append.leaderEpoch(),
                        PartitionProduceResult.success(append.info().firstOffset(), -1, 0))),
                (tp, required, epoch) -> leader.checkEnoughReplicasReachOffset(required, epoch), done::complete),
                List.of(TP));
        return done;
    }

    private static List<String> describe(Partition partition) {
        List<String> out = new ArrayList<>();
        long offset = partition.logStartOffset();
        while (offset < partition.highWatermark()) {
            ReadResult read = partition.isLeader()
                    ? partition.read(offset, -1, 1 << 20, true, true)
                    : null;
            if (read == null) {
                break;
            }
            for (RecordBatch b : RecordBatches.wrap(read.records().toByteBuffer())) {
                if (b.baseOffset() < partition.highWatermark()) {
                    out.add(b.baseOffset() + "-" + b.lastOffset() + "@" + b.partitionLeaderEpoch() + "#" + b.crc());
                }
                offset = b.nextOffset();
            }
        }
        return out;
    }

    @Test
    void acksAllCompletesInOffsetOrderAsFollowersCatchUp() {
        Partition leader = replica(1);
        Partition f2 = replica(2);
        Partition f3 = replica(3);
        leader.makeLeader(0, List.of(1, 2, 3));
        f2.makeFollower(1, 0);
        f3.makeFollower(1, 0);
        var a = produceAll(leader, "a");
        var b = produceAll(leader, "b");
        var c = produceAll(leader, "c");
        fetchOnce(f2, 2, leader);
        fetchOnce(f3, 3, leader);
        leader.updateFollowerFetchState(2, 1, 0);
        leader.updateFollowerFetchState(3, 1, 0);
        purgatory.checkAndComplete(TP);
        assertThat(a).isCompleted();
        assertThat(b).isNotDone();
        fetchOnce(f2, 2, leader);
        fetchOnce(f3, 3, leader);
        purgatory.checkAndComplete(TP);
        assertThat(b.join().get(TP).error()).isEqualTo(ErrorCode.NONE);
        assertThat(c.join().get(TP).baseOffset()).isEqualTo(2);
        assertThat(leader.highWatermark()).isEqualTo(3);
        fetchOnce(f2, 2, leader);
        assertThat(f2.highWatermark()).isEqualTo(3);
    }

    @Test
    void backToBackLeaderChangesLeaveReplicasIdenticalUpToHighWatermark() {
        Partition p1 = replica(1);
        Partition p2 = replica(2);
        Partition p3 = replica(3);
        // epoch 0: broker 1 leads; everybody gets "a", only broker 1 gets "x1", "x2" (never committed)
        p1.makeLeader(0, List.of(1, 2, 3));
        p2.makeFollower(1, 0);
        p3.makeFollower(1, 0);
        p1.appendAsLeader(batch("a"), ACKS_ALL);
        fetchOnce(p2, 2, p1);
        fetchOnce(p3, 3, p1);
        p1.appendAsLeader(batch("x1"), (short) 1);
        p1.appendAsLeader(batch("x2"), (short) 1);
        // epoch 1: broker 2 leads briefly and writes "y" that broker 3 never sees
        p1.makeFollower(Partition.NO_LEADER, 0);
        p2.makeLeader(1, List.of(2, 3));
        p2.appendAsLeader(batch("y"), (short) 1);
        // epoch 2: broker 3 leads and writes "b", "c"; the others follow
        p2.makeFollower(3, 2);
        p1.makeFollower(3, 2);
        p3.makeLeader(2, List.of(3));
        p3.appendAsLeader(batch("b", "c"), (short) 1);

        for (Partition follower : List.of(p1, p2)) {
            truncateAgainst(follower, p3);
        }
        assertThat(p1.logEndOffset()).isEqualTo(1);
        assertThat(p2.logEndOffset()).isEqualTo(1);
        for (int round = 0; round < 3; round++) {
            fetchOnce(p1, 1, p3);
            fetchOnce(p2, 2, p3);
        }
        assertThat(p3.highWatermark()).isEqualTo(3);
        List<String> leaderBatches = describe(p3);
        p1.makeLeader(3, List.of(1, 2, 3));
        assertThat(describe(p1)).isEqualTo(leaderBatches.subList(0, 2)).hasSize(2);
        assertThat(p1.logEndOffset()).isEqualTo(p3.logEndOffset());
    }
}
