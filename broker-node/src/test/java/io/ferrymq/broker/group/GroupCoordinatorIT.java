package io.ferrymq.broker.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.log.MutableClock;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.consumer.internals.group.ConsumerProtocol;
import io.ferrymq.client.consumer.internals.group.Subscription;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.coordinator.group.ZkGroupStore;
import io.ferrymq.coordinator.metadata.TopicMetadata;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.LongSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupCoordinatorIT {

    private static final TopicPartition TP0 = new TopicPartition("t", 0);
    private static final TopicPartition TP1 = new TopicPartition("t", 1);
    /** Offsets of empty groups kept 5 s, looked for every second. */
    private static final GroupConfig RETAIN_5_S = new GroupConfig(100, 60_000, 0, 5_000, 1_000);

    private TestingServer server;
    private CuratorFramework curator;
    private final Set<Integer> liveSeenBy1 = new CopyOnWriteArraySet<>(List.of(1));
    private final Set<Integer> liveSeenBy2 = new CopyOnWriteArraySet<>(List.of(1));
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();
    private GroupCoordinator broker1;
    private GroupCoordinator broker2;

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(true);
        curator = CuratorFrameworkFactory.builder().connectString(server.getConnectString())
                .namespace("ferry").retryPolicy(new RetryOneTime(100)).build();
        curator.start();
        broker1 = coordinator(1, liveSeenBy1);
        broker2 = coordinator(2, liveSeenBy2);
    }

    private GroupCoordinator coordinator(int id, Set<Integer> live) {
        return coordinator(id, live, Clock.systemUTC(), new GroupConfig(100, 60_000, 0));
    }

    private GroupCoordinator coordinator(int id, Set<Integer> live, Clock clock, GroupConfig config) {
        LagGauges lagGauges = new LagGauges() {
            @Override
            public void register(String groupId, TopicPartition tp, LongSupplier lag) {
                gauges.put(id + "/" + groupId + "/" + tp, lag);
            }

            @Override
            public void remove(String groupId, TopicPartition tp) {
                gauges.remove(id + "/" + groupId + "/" + tp);
            }
        };
        GroupCoordinator coordinator = new GroupCoordinator(new GroupCoordinatorContext(id,
                config, new ZkGroupStore(curator), () -> Set.copyOf(live),
                tp -> OptionalLong.of(100), lagGauges, clock));
        coordinator.start();
        return coordinator;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {broker1, broker2, curator, server}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void aMemberJoinsSyncsCommitsAndReadsBackOnlyAtItsCoordinator() {
        JoinResult member = joinAlone(broker1, "g");
        assertThat(broker2.join("g", request("")).join().error()).isEqualTo(ErrorCode.NOT_COORDINATOR);

        Map<TopicPartition, ErrorCode> committed = broker1.commitOffsets("g", member.memberId(), member.generationId(),
                Map.of(TP0, new OffsetCommitEntry(42, "m"), TP1, new OffsetCommitEntry(-5, ""))).join();
        assertThat(committed).containsEntry(TP0, ErrorCode.NONE).containsEntry(TP1, ErrorCode.INVALID_COMMIT_OFFSET_SIZE);
        OffsetFetchResult fetched = broker1.fetchOffsets("g", Optional.empty()).join();
        assertThat(fetched.offsets()).containsOnlyKeys(TP0);
        assertThat(fetched.offsets().get(TP0).offset()).isEqualTo(42);
        assertThat(fetched.offsets().get(TP0).metadata()).isEqualTo("m");
        assertThat(broker1.lag("g")).containsEntry(TP0, 58L);
        await().atMost(Duration.ofSeconds(5)).until(() -> gauges.containsKey("1/g/t-0"));
        assertThat(gauges.get("1/g/t-0").getAsLong()).isEqualTo(58);
        assertThat(broker1.listGroups().join()).containsExactly(new GroupOverview("g", "consumer", GroupState.STABLE));
    }

    @Test
    void aNewCoordinatorReadsCommittedOffsetsAndFencesTheOldOne() {
        JoinResult member = joinAlone(broker1, "g");
        broker1.commitOffsets("g", member.memberId(), member.generationId(), Map.of(TP0, new OffsetCommitEntry(7, ""))).join();

        liveSeenBy2.clear();
        liveSeenBy2.add(2);
        JoinResult rejoined = joinAlone(broker2, "g");
        assertThat(rejoined.generationId()).isGreaterThan(member.generationId());
        assertThat(broker2.fetchOffsets("g", Optional.of(Set.of(TP0))).join().offsets().get(TP0).offset()).isEqualTo(7);

        // Broker 1 has not noticed yet and still believes the member: ZooKeeper refuses the commit.
        Map<TopicPartition, ErrorCode> stale = broker1.commitOffsets("g", member.memberId(), member.generationId(),
                Map.of(TP0, new OffsetCommitEntry(3, ""))).join();
        assertThat(stale).containsEntry(TP0, ErrorCode.NOT_COORDINATOR);
        assertThat(broker2.fetchOffsets("g", Optional.empty()).join().offsets().get(TP0).offset()).isEqualTo(7);
        assertThat(broker1.heartbeat("g", member.memberId(), member.generationId()).join())
                .isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
    }

    @Test
    void groupsMoveWhenTheLiveSetChanges() {
        JoinResult member = joinAlone(broker1, "g");
        liveSeenBy1.clear();
        liveSeenBy1.add(2);
        broker1.onLiveBrokersChanged();
        assertThat(broker1.heartbeat("g", member.memberId(), member.generationId()).join())
                .isEqualTo(ErrorCode.NOT_COORDINATOR);
        assertThat(broker1.coordinatorFor("g")).contains(2);
    }

    @Test
    void toolsCommitOnlyWhileEmptyAndDeleteOnlyEmptyGroups() {
        JoinResult member = joinAlone(broker1, "g");
        assertThat(broker1.commitOffsets("g", "", -1, Map.of(TP0, new OffsetCommitEntry(1, ""))).join())
                .containsEntry(TP0, ErrorCode.NON_EMPTY_GROUP);
        assertThat(broker1.deleteGroup("g").join()).isEqualTo(ErrorCode.NON_EMPTY_GROUP);

        assertThat(broker1.leave("g", member.memberId()).join()).isEqualTo(ErrorCode.NONE);
        assertThat(broker1.describe("g").join().description().orElseThrow().state()).isEqualTo(GroupState.EMPTY);
        assertThat(broker1.commitOffsets("g", "", -1, Map.of(TP0, new OffsetCommitEntry(1, ""))).join())
                .containsEntry(TP0, ErrorCode.NONE);
        assertThat(broker1.deleteGroup("g").join()).isEqualTo(ErrorCode.NONE);
        assertThat(broker1.deleteGroup("g").join()).isEqualTo(ErrorCode.GROUP_ID_NOT_FOUND);
        assertThat(broker1.fetchOffsets("g", Optional.empty()).join().offsets()).isEmpty();
        assertThat(broker1.describe("g").join().description().orElseThrow().state()).isEqualTo(GroupState.DEAD);
    }

    @Test
    void aSubscribedTopicGainingPartitionsRebalancesTheGroup() {
        joinAlone(broker1, "g");
        GroupClusterListener listener = new GroupClusterListener(broker1);
        listener.onTopicChanged(new TopicMetadata("t", Map.of(0, List.of(1)), Map.of()));
        listener.onTopicChanged(new TopicMetadata("other", Map.of(0, List.of(1)), Map.of()));
        listener.onTopicChanged(new TopicMetadata("other", Map.of(0, List.of(1), 1, List.of(1)), Map.of()));
        assertThat(broker1.describe("g").join().description().orElseThrow().state()).isEqualTo(GroupState.STABLE);
        listener.onTopicChanged(new TopicMetadata("t", Map.of(0, List.of(1), 1, List.of(1)), Map.of()));
        assertThat(broker1.describe("g").join().description().orElseThrow().state())
                .isEqualTo(GroupState.PREPARING_REBALANCE);
    }

    @Test
    void invalidGroupIdsAreAnsweredWithInvalidGroupId() {
        assertThat(broker1.heartbeat("a/b", "m", 1).join()).isEqualTo(ErrorCode.INVALID_GROUP_ID);
    }

    @Test
    void anEmptyGroupKeepsItsOffsetsForTheRetentionAfterItEmptiedThenLosesThemAndIsDeleted() {
        MutableClock clock = new MutableClock(1_000_000L);
        ZkGroupStore store = new ZkGroupStore(curator);
        try (GroupCoordinator coordinator = coordinator(3, Set.of(3), clock, RETAIN_5_S)) {
            JoinResult member = joinAlone(coordinator, "g");
            coordinator.commitOffsets("g", member.memberId(), member.generationId(),
                    Map.of(TP0, new OffsetCommitEntry(5, ""))).join();
            clock.advance(6_000);
            coordinator.expireOffsets().join();
            assertThat(store.fetchOffsets("g")).as("a group with a member keeps old offsets").containsOnlyKeys(TP0);

            assertThat(coordinator.leave("g", member.memberId()).join()).isEqualTo(ErrorCode.NONE);
            await().atMost(Duration.ofSeconds(10)).until(() -> coordinator.describe("g").join().description()
                    .map(GroupDescription::state).orElseThrow() == GroupState.EMPTY);
            clock.advance(4_999);
            coordinator.expireOffsets().join();
            assertThat(store.fetchOffsets("g")).as("the retention counts from the group becoming empty").containsOnlyKeys(TP0);

            clock.advance(1);
            coordinator.expireOffsets().join();
            assertThat(store.fetchOffsets("g")).isEmpty();
            assertThat(store.load("g")).as("an empty group without offsets is deleted").isEmpty();
        }
    }

    @Test
    void offsetsOfAGroupNotLoadedHereExpireByTheirCommitTimeOneByOne() {
        MutableClock clock = new MutableClock(1_000_000L);
        ZkGroupStore store = new ZkGroupStore(curator);
        try (GroupCoordinator earlier = coordinator(3, Set.of(3), clock, RETAIN_5_S)) {
            JoinResult member = joinAlone(earlier, "s");
            earlier.commitOffsets("s", member.memberId(), member.generationId(), Map.of(TP0, new OffsetCommitEntry(1, ""))).join();
            clock.advance(3_000);
            earlier.commitOffsets("s", member.memberId(), member.generationId(), Map.of(TP1, new OffsetCommitEntry(2, ""))).join();
        }
        try (GroupCoordinator restarted = coordinator(3, Set.of(3), clock, RETAIN_5_S)) {
            clock.advance(2_000);
            restarted.expireOffsets().join();
            assertThat(store.fetchOffsets("s")).containsOnlyKeys(TP1);
            assertThat(store.load("s")).isPresent();

            clock.advance(3_000);
            restarted.expireOffsets().join();
            assertThat(store.load("s")).isEmpty();
        }
    }

    private static JoinResult joinAlone(GroupCoordinator coordinator, String groupId) {
        JoinResult first = coordinator.join(groupId, request("")).join();
        assertThat(first.error()).isEqualTo(ErrorCode.MEMBER_ID_REQUIRED);
        JoinResult joined = coordinator.join(groupId, request(first.memberId())).join();
        assertThat(joined.error()).isEqualTo(ErrorCode.NONE);
        SyncResult synced = coordinator.sync(groupId, joined.memberId(), joined.generationId(),
                Map.of(joined.memberId(), new byte[] {9})).join();
        assertThat(synced.error()).isEqualTo(ErrorCode.NONE);
        return joined;
    }

    private static JoinRequest request(String memberId) {
        byte[] subscription = ConsumerProtocol.encodeSubscription(new Subscription(List.of("t")));
        return new JoinRequest(memberId, "client", "/127.0.0.1", 10_000, 10_000, "consumer",
                List.of(new ProtocolMetadata("range", subscription)));
    }
}
