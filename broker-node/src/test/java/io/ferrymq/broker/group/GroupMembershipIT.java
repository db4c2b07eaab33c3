package io.ferrymq.broker.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.config.Endpoint;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestDispatcher;
import io.ferrymq.broker.server.RequestExecutor;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.broker.server.ServerSettings;
import io.ferrymq.broker.server.SocketServer;
import io.ferrymq.broker.server.handler.ClusterView;
import io.ferrymq.broker.server.handler.group.GroupHandlers;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.consumer.internals.group.CommitFailedException;
import io.ferrymq.client.consumer.internals.group.GroupMemberConfig;
import io.ferrymq.client.consumer.internals.group.OffsetAndMetadata;
import io.ferrymq.client.consumer.internals.group.RangeAssignor;
import io.ferrymq.client.network.BrokerAddress;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.kryo.KryoCodec;
import io.ferrymq.common.protocol.requests.MetadataRequest;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import io.ferrymq.coordinator.group.ZkGroupStore;
import io.ferrymq.coordinator.registry.BrokerInfo;
import io.ferrymq.coordinator.registry.ZkBrokerRegistry;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real group members (client {@code ConsumerGroupCoordinator}s over real sockets) against one
 * broker's group handlers, coordinator and ZooKeeper store; only Metadata is a fixed fake.
 */
class GroupMembershipIT {

    private static final int PARTITIONS = 6;

    private TestingServer zookeeper;
    private ZkClient zk;
    private ZkBrokerRegistry registry;
    private GroupCoordinator coordinator;
    private RequestExecutor executor;
    private SocketServer server;
    private int port;
    private final OwnershipLog ownership = new OwnershipLog();
    private final List<TestMember> members = new ArrayList<>();
    /** While false the coordinator sees no live broker, so it answers NOT_COORDINATOR (a coordinator move). */
    private volatile boolean coordinating = true;

    @BeforeEach
    void start() throws Exception {
        zookeeper = new TestingServer(true);
        zk = ZkClient.connect(ZkConfig.of(zookeeper.getConnectString()).withTimeouts(Duration.ofSeconds(6), Duration.ofSeconds(6)));
        registry = new ZkBrokerRegistry(zk);
        registry.start();
        coordinator = new GroupCoordinator(new GroupCoordinatorContext(1, new GroupConfig(100, 60_000, 300),
                new ZkGroupStore(zk.curator()),
                () -> coordinating ? registry.liveBrokerIds() : Set.of(), tp -> OptionalLong.empty(), LagGauges.NONE,
                Clock.systemUTC()));
        coordinator.start();
        List<RequestHandler<?>> handlers = new ArrayList<>(GroupHandlers.all(coordinator, new ClusterView("test", registry)));
        handlers.add(new FixedMetadata());
        executor = new RequestExecutor(4);
        server = new SocketServer(new ServerSettings(List.of(Endpoint.plaintext("127.0.0.1", 0)), 2,
                16 * 1024 * 1024, -1, -1, Duration.ofMinutes(5), 100), new KryoCodec(), new RequestDispatcher(handlers, executor));
        server.start();
        port = server.boundAddresses().get(0).getPort();
        registry.register(new BrokerInfo(1, "127.0.0.1", port, Optional.empty(), System.currentTimeMillis()));
    }

    @AfterEach
    void stop() throws Exception {
        members.forEach(TestMember::close);
        for (AutoCloseable closeable : new AutoCloseable[] {server, coordinator, registry, zk, zookeeper}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        if (executor != null) {
            executor.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void threeMembersShareSixPartitionsTwoEachAndEveryPartitionHasOneOwnerAtATime() {
        IntStream.range(0, 3).forEach(i -> members.add(member("c" + i)));
        awaitBalanced(members, 2);
        assertThat(ownership.violations()).isEmpty();

        members.get(2).close();
        awaitBalanced(members.subList(0, 2), 3);
        assertThat(ownership.violations()).isEmpty();
    }

    @Test
    void aMemberThatStopsHeartbeatingLosesItsPartitionsAfterTheSessionTimeout() {
        IntStream.range(0, 2).forEach(i -> members.add(member("c" + i)));
        awaitBalanced(members, 3);
        members.get(1).crash();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(members.get(0).assignment()).hasSize(PARTITIONS));
        assertThat(ownership.violationsIgnoring("c1")).isEmpty();
    }

    @Test
    void committedOffsetsAreWhereTheNextMemberStarts() {
        TestMember first = member("c0");
        members.add(first);
        awaitBalanced(members, PARTITIONS);
        TopicPartition tp = new TopicPartition("t", 4);
        first.commitSync(Map.of(tp, new OffsetAndMetadata(17, "x")));
        assertThat(first.committed(Set.of(tp))).containsEntry(tp, new OffsetAndMetadata(17, "x"));
        first.close();
        TestMember second = member("c1");
        members.add(second);
        await().atMost(Duration.ofSeconds(20)).until(() -> second.seeks().containsKey(tp));
        assertThat(second.assignment()).hasSize(PARTITIONS);
        assertThat(second.seeks()).containsEntry(tp, 17L);
        assertThat(coordinator.describe("g").join().description().orElseThrow().members())
                .singleElement().satisfies(m -> assertThat(m.clientId()).isEqualTo("c1"));
    }

    @Test
    void aMemberThatStopsPollingLeavesAfterMaxPollIntervalThoughItStillHeartbeats() {
        IntStream.range(0, 2).forEach(i -> members.add(member("c" + i)));
        awaitBalanced(members, 3);
        long stalledAt = System.nanoTime();
        members.get(1).stall();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(members.get(0).assignment()).hasSize(PARTITIONS));
        assertThat(Duration.ofNanos(System.nanoTime() - stalledAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aMemberThatLeftCannotCommitItsStalePositionsBehindNewerCommitsOfTheEmptyGroup() {
        TestMember first = member("c0");
        members.add(first);
        awaitBalanced(members, PARTITIONS);
        TopicPartition tp = new TopicPartition("t", 3);
        first.commitSync(Map.of(tp, new OffsetAndMetadata(897)));
        first.stall();
        await().atMost(Duration.ofSeconds(20)).until(first::hasLeft);
        assertThat(coordinator.describe("g").join().description().orElseThrow().members()).isEmpty();

        assertThatThrownBy(() -> first.commitSyncAfterStall(Map.of(tp, new OffsetAndMetadata(780)), Duration.ofSeconds(5)))
                .isInstanceOf(CommitFailedException.class);
        assertThat(coordinator.fetchOffsets("g", Optional.of(Set.of(tp))).join().offsets().get(tp).offset())
                .isEqualTo(897);
    }

    @Test
    void aCommitRetriedAcrossACoordinatorMoveKeepsItsGenerationAndIsRefusedOnceTheMemberIsGone() throws Exception {
        TestMember first = member("c0");
        members.add(first);
        awaitBalanced(members, PARTITIONS);
        TopicPartition tp = new TopicPartition("t", 1);
        first.commitSync(Map.of(tp, new OffsetAndMetadata(900)));
        first.stall();
        coordinating = false;
        CompletableFuture<Void> staleCommit = CompletableFuture.runAsync(() ->
                first.commitSyncAfterStall(Map.of(tp, new OffsetAndMetadata(264)), Duration.ofSeconds(30)));
        await().atMost(Duration.ofSeconds(20)).until(first::hasLeft);
        assertThat(staleCommit).isNotDone();
        coordinating = true;
        await().atMost(Duration.ofSeconds(20)).until(() ->
                coordinator.describe("g").join().description().orElseThrow().members().isEmpty());

        assertThatThrownBy(() -> staleCommit.get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(CommitFailedException.class);
        assertThat(coordinator.fetchOffsets("g", Optional.of(Set.of(tp))).join().offsets().get(tp).offset())
                .isEqualTo(900);
    }

    @Test
    void autoCommitCommitsConsumedPositionsEveryInterval() {
        GroupMemberConfig config = new GroupMemberConfig("g", "auto", List.of(new BrokerAddress("127.0.0.1", port)),
                3_000, 6_000, 300, 50, 2_000, List.of(new RangeAssignor()), true, 200);
        TestMember member = TestMember.start(config, ownership);
        members.add(member);
        awaitBalanced(members, PARTITIONS);
        TopicPartition tp = new TopicPartition("t", 2);
        member.consumedUpTo(tp, 42);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                coordinator.fetchOffsets("g", Optional.of(Set.of(tp))).join().offsets().get(tp))
                .isNotNull().satisfies(c -> assertThat(c.offset()).isEqualTo(42)));
        member.consumedUpTo(tp, 50);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                coordinator.fetchOffsets("g", Optional.of(Set.of(tp))).join().offsets().get(tp).offset() == 50);
    }

    private void awaitBalanced(List<TestMember> group, int each) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Set<TopicPartition> union = new TreeSet<>();
            for (TestMember m : group) {
                assertThat(m.assignment()).hasSize(each);
                union.addAll(m.assignment());
            }
            assertThat(union).hasSize(group.size() * each);
        });
    }

    private TestMember member(String clientId) {
        GroupMemberConfig config = new GroupMemberConfig("g", clientId, List.of(new BrokerAddress("127.0.0.1", port)),
                3_000, 6_000, 300, 50, 2_000, List.of(new RangeAssignor()), false, 1_000);
        return TestMember.start(config, ownership);
    }

    /** Metadata for topic "t" with six partitions; every other topic unknown. */
    private static final class FixedMetadata implements RequestHandler<MetadataRequest> {
        @Override
        public ApiKey apiKey() {
            return ApiKey.METADATA;
        }

        @Override
        public CompletableFuture<MetadataResponse> handle(RequestContext context, MetadataRequest request) {
            List<MetadataResponse.PartitionMetadata> partitions = IntStream.range(0, PARTITIONS)
                    .mapToObj(p -> new MetadataResponse.PartitionMetadata(ErrorCode.NONE, p, 1, 0, List.of(1), List.of(1), List.of()))
                    .toList();
            return CompletableFuture.completedFuture(new MetadataResponse(List.of(), "test",
                    List.of(new MetadataResponse.TopicMetadata(ErrorCode.NONE, "t", partitions))));
        }

        @Override
        public ApiResponse errorResponse(MetadataRequest request, ErrorCode error, String message) {
            return new MetadataResponse(List.of(), "test", List.of());
        }
    }

}
