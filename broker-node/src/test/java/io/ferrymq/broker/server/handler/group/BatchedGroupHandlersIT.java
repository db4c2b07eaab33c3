package io.ferrymq.broker.server.handler.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.group.GroupConfig;
import io.ferrymq.broker.group.GroupCoordinator;
import io.ferrymq.broker.group.GroupCoordinatorContext;
import io.ferrymq.broker.group.JoinRequest;
import io.ferrymq.broker.group.JoinResult;
import io.ferrymq.broker.group.LagGauges;
import io.ferrymq.broker.group.OffsetCommitEntry;
import io.ferrymq.broker.group.ProtocolMetadata;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.requests.LeaveGroupRequest;
import io.ferrymq.common.protocol.requests.OffsetCommitRequest;
import io.ferrymq.common.protocol.requests.OffsetFetchRequest;
import io.ferrymq.common.protocol.requests.OffsetFetchRequest.GroupQuery;
import io.ferrymq.common.protocol.responses.LeaveGroupResponse;
import io.ferrymq.common.protocol.responses.LeaveGroupResponse.MemberResult;
import io.ferrymq.common.protocol.responses.OffsetFetchResponse;
import io.ferrymq.common.protocol.responses.OffsetFetchResponse.GroupOffsets;
import io.ferrymq.common.protocol.responses.OffsetFetchResponse.PartitionResponse;
import io.ferrymq.coordinator.group.ZkGroupStore;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batched forms of LeaveGroup (several members) and OffsetFetch (several groups) that Kafka's
 * clients send, against broker 1's real coordinator over ZooKeeper, in a cluster of brokers 1 and 2:
 * each member and each group is answered on its own, and a group coordinated by broker 2 gets
 * NOT_COORDINATOR without spoiling the others.
 */
class BatchedGroupHandlersIT {

    private static final TopicPartition TP0 = new TopicPartition("t", 0);
    private static final TopicPartition TP1 = new TopicPartition("t", 1);

    private TestingServer server;
    private CuratorFramework curator;
    private GroupCoordinator coordinator;
    private String here;
    private String elsewhere;

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(true);
        curator = CuratorFrameworkFactory.builder().connectString(server.getConnectString())
                .namespace("ferry").retryPolicy(new RetryOneTime(100)).build();
        curator.start();
        coordinator = new GroupCoordinator(new GroupCoordinatorContext(1, new GroupConfig(100, 60_000, 0),
                new ZkGroupStore(curator), () -> Set.of(1, 2), tp -> OptionalLong.of(100), LagGauges.NONE,
                Clock.systemUTC()));
        coordinator.start();
        List<String> ids = IntStream.range(0, 50).mapToObj(i -> "group-" + i).toList();
        here = ids.stream().filter(coordinator::isCoordinatorFor).findFirst().orElseThrow();
        elsewhere = ids.stream().filter(id -> !coordinator.isCoordinatorFor(id)).findFirst().orElseThrow();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {coordinator, curator, server}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void leaveGroupAnswersEachMemberOrTheGroupOnce() {
        String first = coordinator.join(here, join("")).join().memberId();
        String second = coordinator.join(here, join("")).join().memberId();
        CompletableFuture<JoinResult> firstJoined = coordinator.join(here, join(first));
        CompletableFuture<JoinResult> secondJoined = coordinator.join(here, join(second));
        assertThat(firstJoined.join().error()).isEqualTo(ErrorCode.NONE);
        assertThat(secondJoined.join().error()).isEqualTo(ErrorCode.NONE);
        LeaveGroupHandler handler = new LeaveGroupHandler(coordinator);

        LeaveGroupResponse left = handler.handle(context(ApiKey.LEAVE_GROUP),
                new LeaveGroupRequest(here, List.of(first, "ghost", second))).join();

        assertThat(left).isEqualTo(new LeaveGroupResponse(ErrorCode.NONE, List.of(
                new MemberResult(first, ErrorCode.NONE), new MemberResult("ghost", ErrorCode.UNKNOWN_MEMBER_ID),
                new MemberResult(second, ErrorCode.NONE))));
        assertThat(coordinator.describe(here).join().description().orElseThrow().members()).isEmpty();
        assertThat(handler.handle(context(ApiKey.LEAVE_GROUP), LeaveGroupRequest.of(elsewhere, first)).join())
                .isEqualTo(new LeaveGroupResponse(ErrorCode.NOT_COORDINATOR, List.of()));
    }

    @Test
    void offsetFetchAnswersEachGroupOnItsOwn() {
        assertThat(coordinator.commitOffsets(here, "", OffsetCommitRequest.NO_GENERATION,
                Map.of(TP0, new OffsetCommitEntry(42, "m"))).join()).containsEntry(TP0, ErrorCode.NONE);

        OffsetFetchResponse fetched = new OffsetFetchHandler(coordinator).handle(context(ApiKey.OFFSET_FETCH),
                new OffsetFetchRequest(List.of(new GroupQuery(here, List.of(TP0, TP1), false),
                        new GroupQuery(elsewhere, List.of(), true), new GroupQuery(here, List.of(), true)))).join();

        assertThat(fetched.groups()).containsExactly(
                new GroupOffsets(here, ErrorCode.NONE, List.of(new PartitionResponse(TP0, ErrorCode.NONE, 42, -1, "m"),
                        new PartitionResponse(TP1, ErrorCode.NONE, OffsetFetchResponse.NO_OFFSET, -1, ""))),
                new GroupOffsets(elsewhere, ErrorCode.NOT_COORDINATOR, List.of()),
                new GroupOffsets(here, ErrorCode.NONE, List.of(new PartitionResponse(TP0, ErrorCode.NONE, 42, -1, "m"))));
    }

    private static RequestContext context(ApiKey key) {
        return new RequestContext(key, (short) 0, 1, "client", new InetSocketAddress("127.0.0.1", 5000));
    }

    private static JoinRequest join(String memberId) {
        return new JoinRequest(memberId, "client", "/127.0.0.1", 10_000, 10_000, "consumer",
                List.of(new ProtocolMetadata("range", new byte[0])));
    }
}
