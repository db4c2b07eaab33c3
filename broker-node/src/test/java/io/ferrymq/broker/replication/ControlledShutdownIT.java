package io.ferrymq.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.log.LogConfig;
import io.ferrymq.broker.log.LogManager;
import io.ferrymq.broker.partition.Partition;
import io.ferrymq.broker.partition.PartitionConfig;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.RecordBatchBuilder;
import io.ferrymq.coordinator.metadata.NewTopic;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.metadata.ZkMetadataStore;
import io.ferrymq.coordinator.registry.BrokerInfo;
import io.ferrymq.coordinator.registry.ZkBrokerRegistry;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ControlledShutdown} of broker 1, leader of a partition on a real log, against the partition
 * state in an embedded ZooKeeper; follower fetches are reported by hand. The drain must wait for the
 * ISR that ZooKeeper holds (the electors pick the successor from it), not for the leader's own view.
 */
class ControlledShutdownIT {

    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final int EPOCH = 1;

    @TempDir
    Path dir;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private TestingServer zookeeper;
    private ZkMetadataStore metadata;
    private HostedPartitions partitions;
    private Partition leader;

    @BeforeEach
    void leaderOfATopicInZooKeeper() throws Exception {
        zookeeper = new TestingServer(true);
        for (int id = 1; id <= 3; id++) {
            ZkBrokerRegistry registry = track(new ZkBrokerRegistry(track(connect())));
            registry.start();
            registry.register(new BrokerInfo(id, "127.0.0.1", 9_000 + id, Optional.empty(), 0));
        }
        metadata = track(new ZkMetadataStore(track(connect())));
        metadata.start();
        metadata.createTopic(new NewTopic(TP.topic(), 1, 3, Map.of()));
        LogManager logs = track(LogManager.open(LogConfig.defaults(dir), Clock.systemUTC()));
        partitions = new HostedPartitions(metadata, 1);
        leader = partitions.putIfAbsent(new Partition(TP, new PartitionLogReplica(logs.getOrCreate(TP), logs.failureChannel()),
                new PartitionConfig(1, List.of(1, 2, 3), 1, 30_000), 0, Clock.systemUTC()));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        zookeeper.close();
    }

    private <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    private ZkClient connect() {
        return ZkClient.connect(ZkConfig.of(zookeeper.getConnectString())
                .withTimeouts(Duration.ofSeconds(6), Duration.ofSeconds(10)));
    }

    /** ZooKeeper names {@code leaderId} at {@code epoch} with {@code isr}; broker 1 leads locally with ISR [1, 2]. */
    private void leadWithTwoRecords(int leaderId, int epoch, List<Integer> isr) {
        int version = metadata.partitionState(TP).orElseThrow().version();
        metadata.updatePartitionState(TP, new PartitionState(leaderId, epoch, isr, false), version);
        leader.makeLeader(EPOCH, List.of(1, 2));
        leader.appendAsLeader(batch("a"), (short) 1);
        leader.appendAsLeader(batch("b"), (short) 1);
        leader.updateFollowerFetchState(2, 2, EPOCH);
        leader.updateFollowerFetchState(3, 1, EPOCH);
        assertThat(leader.isFullyCommitted()).as("fully committed in the leader's own view").isTrue();
    }

    private List<TopicPartition> drain() {
        ReplicationConfig config = new ReplicationConfig(1, 30_000, 1, false, 1 << 20, 10 << 20, 200, 1, 100, 3_000, 1,
                500, Duration.ofMillis(300), false, Duration.ofSeconds(300));
        return new ControlledShutdown(config, Clock.systemUTC(), partitions, metadata).drainLeaders();
    }

    private static ByteBuffer batch(String value) {
        return RecordBatchBuilder.allocate(128, CompressionType.NONE)
                .append(1_000L, null, value.getBytes(StandardCharsets.UTF_8)).build().buffer().duplicate();
    }

    @Test
    void drainWaitsForEveryMemberOfTheIsrZooKeeperHoldsNotOnlyTheLocalIsr() {
        leadWithTwoRecords(1, EPOCH, List.of(1, 2, 3));

        assertThat(drain()).as("broker 3 is in ZooKeeper's ISR but lacks offset 1").containsExactly(TP);

        leader.updateFollowerFetchState(3, 2, EPOCH);
        assertThat(drain()).isEmpty();
    }

    @Test
    void drainHandsOverOnceTheIsrZooKeeperHoldsHasTheWholeLog() {
        leadWithTwoRecords(1, EPOCH, List.of(1, 2));

        assertThat(drain()).isEmpty();
    }

    @Test
    void partitionLedByAnotherBrokerInZooKeeperIsNotWaitedFor() {
        leadWithTwoRecords(2, EPOCH + 1, List.of(2, 3));

        assertThat(drain()).isEmpty();
    }
}
