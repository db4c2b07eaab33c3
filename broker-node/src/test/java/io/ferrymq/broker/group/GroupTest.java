package io.ferrymq.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.group.GenerationListener.Generation;
import io.ferrymq.broker.log.MutableClock;
import io.ferrymq.client.consumer.internals.group.ConsumerProtocol;
import io.ferrymq.client.consumer.internals.group.Subscription;
import io.ferrymq.common.errors.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class GroupTest {

    private static final int SESSION_MS = 10_000;
    private static final int REBALANCE_MS = 30_000;
    private static final int DELAY_MS = 100;

    private final MutableClock clock = new MutableClock(1_000_000);
    private final List<Generation> generations = new ArrayList<>();
    private final Group group = new Group("g", 0, new GroupConfig(1_000, 60_000, DELAY_MS), clock,
            (id, generation) -> generations.add(generation));

    @Test
    void firstJoinGetsAMemberIdThenWaitsForTheInitialDelay() {
        JoinResult first = group.join(request("", "client", "t")).join();
        assertThat(first.error()).isEqualTo(ErrorCode.MEMBER_ID_REQUIRED);
        assertThat(first.memberId()).startsWith("client-");

        CompletableFuture<JoinResult> joined = group.join(request(first.memberId(), "client", "t"));
        clock.advance(DELAY_MS - 1);
        group.tick();
        assertThat(joined).isNotDone();
        assertThat(group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
        clock.advance(1);
        group.tick();
        JoinResult result = joined.join();
        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        assertThat(result.generationId()).isEqualTo(1);
        assertThat(result.leaderId()).isEqualTo(first.memberId());
        assertThat(result.protocolName()).isEqualTo("range");
        assertThat(result.members()).extracting(JoinResult.MemberProtocol::memberId).containsExactly(first.memberId());
        assertThat(group.state()).isEqualTo(GroupState.COMPLETING_REBALANCE);
        assertThat(generations).extracting(Generation::generationId).containsExactly(1);
    }

    @Test
    void firstJoinOfAnOldKafkaClientJoinsAtOnceWithANewMemberId() {
        JoinRequest old = request("", "client", "t");
        CompletableFuture<JoinResult> joined = group.join(new JoinRequest(old.memberId(), old.clientId(),
                old.clientHost(), old.sessionTimeoutMs(), old.rebalanceTimeoutMs(), old.protocolType(), old.protocols(),
                false));
        clock.advance(DELAY_MS);
        group.tick();

        JoinResult result = joined.join();
        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        assertThat(result.memberId()).startsWith("client-");
        assertThat(result.leaderId()).isEqualTo(result.memberId());
        assertThat(result.generationId()).isEqualTo(1);
    }

    @Test
    void leaderSyncDistributesAssignmentsAndStabilizesTheGroup() {
        List<JoinResult> joined = joinAll("a", "b", "c");
        assertThat(joined).extracting(JoinResult::generationId).containsOnly(1);
        String leader = joined.get(0).leaderId();
        List<JoinResult> followers = joined.stream().filter(j -> !j.memberId().equals(leader)).toList();
        assertThat(followers).allSatisfy(j -> assertThat(j.members()).isEmpty());
        CompletableFuture<SyncResult> followerSync = group.sync(followers.get(0).memberId(), 1, Map.of());
        assertThat(followerSync).isNotDone();

        CompletableFuture<SyncResult> leaderSync = group.sync(leader, 1, Map.of(
                followers.get(0).memberId(), new byte[] {1}, leader, new byte[] {2}));
        assertThat(leaderSync.join().assignment()).containsExactly(2);
        assertThat(followerSync.join().assignment()).containsExactly(1);
        assertThat(group.state()).isEqualTo(GroupState.STABLE);
        assertThat(group.sync(followers.get(1).memberId(), 1, Map.of()).join())
                .satisfies(r -> assertThat(r.error()).isEqualTo(ErrorCode.NONE))
                .satisfies(r -> assertThat(r.assignment()).isEmpty());
    }

    @Test
    void aNewMemberMakesEveryoneRejoinIntoTheNextGeneration() {
        JoinResult a = stableGroupOf("a").get(0);
        String b = group.join(request("", "b", "t")).join().memberId();
        CompletableFuture<JoinResult> bJoin = group.join(request(b, "b", "t"));
        assertThat(group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
        assertThat(group.heartbeat(a.memberId(), 1)).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS);
        assertThat(bJoin).isNotDone();

        JoinResult aAgain = group.join(request(a.memberId(), "a", "t")).join();
        assertThat(aAgain.generationId()).isEqualTo(2);
        assertThat(bJoin.join().generationId()).isEqualTo(2);
        assertThat(aAgain.members()).hasSize(2);
        assertThat(group.heartbeat(a.memberId(), 1)).isEqualTo(ErrorCode.ILLEGAL_GENERATION);
        assertThat(group.validateCommit(a.memberId(), 1)).isEqualTo(ErrorCode.ILLEGAL_GENERATION);
        assertThat(group.validateCommit(a.memberId(), 2)).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS);
    }

    @Test
    void aMemberThatDoesNotRejoinBeforeTheRebalanceTimeoutIsDropped() {
        List<JoinResult> members = stableGroupOf("a", "b");
        group.leave("nobody");
        group.onPartitionsChanged(Set.of("t"));
        assertThat(group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
        CompletableFuture<JoinResult> aJoin = group.join(request(members.get(0).memberId(), "a", "t"));
        clock.advance(REBALANCE_MS - 1);
        group.heartbeat(members.get(1).memberId(), 1);
        group.tick();
        assertThat(aJoin).isNotDone();
        clock.advance(1);
        group.tick();
        assertThat(aJoin.join().generationId()).isEqualTo(2);
        assertThat(aJoin.join().members()).extracting(JoinResult.MemberProtocol::memberId)
                .containsExactly(members.get(0).memberId());
        assertThat(group.heartbeat(members.get(1).memberId(), 2)).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
    }

    @Test
    void anExpiredSessionRemovesTheMemberAndRebalances() {
        List<JoinResult> members = stableGroupOf("a", "b");
        clock.advance(SESSION_MS - 1);
        assertThat(group.heartbeat(members.get(0).memberId(), 1)).isEqualTo(ErrorCode.NONE);
        clock.advance(1);
        group.tick();
        assertThat(group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
        assertThat(group.describe().members()).extracting(GroupDescription.MemberDescription::memberId)
                .containsExactly(members.get(0).memberId());
        JoinResult rejoined = group.join(request(members.get(0).memberId(), "a", "t")).join();
        assertThat(rejoined.generationId()).isEqualTo(2);
    }

    @Test
    void leavingRebalancesAndTheLastLeaveEmptiesTheGroup() {
        List<JoinResult> members = stableGroupOf("a", "b");
        assertThat(group.leave(members.get(1).memberId())).isEqualTo(ErrorCode.NONE);
        assertThat(group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
        group.join(request(members.get(0).memberId(), "a", "t")).join();
        assertThat(group.leave(members.get(0).memberId())).isEqualTo(ErrorCode.NONE);
        assertThat(group.state()).isEqualTo(GroupState.EMPTY);
        assertThat(generations).extracting(Generation::generationId).containsExactly(1, 2, 3);
        assertThat(generations.get(2).memberIds()).isEmpty();
        assertThat(group.validateCommit("", -1)).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void commitsAreFencedByMemberGenerationAndState() {
        List<JoinResult> members = stableGroupOf("a");
        String a = members.get(0).memberId();
        assertThat(group.validateCommit(a, 1)).isEqualTo(ErrorCode.NONE);
        assertThat(group.validateCommit(a, 0)).isEqualTo(ErrorCode.ILLEGAL_GENERATION);
        assertThat(group.validateCommit("stranger", 1)).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
        assertThat(group.validateCommit("", -1)).isEqualTo(ErrorCode.NON_EMPTY_GROUP);
        group.markDead();
        assertThat(group.validateCommit(a, 1)).isEqualTo(ErrorCode.NOT_COORDINATOR);
    }

    @Test
    void partitionChangesRebalanceOnlyGroupsSubscribedToTheTopic() {
        stableGroupOf("a");
        group.onPartitionsChanged(Set.of("other"));
        assertThat(group.state()).isEqualTo(GroupState.STABLE);
        assertThat(group.subscribedTopics()).containsExactly("t");
        group.onPartitionsChanged(Set.of("t"));
        assertThat(group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
    }

    @Test
    void aRebalanceDuringCompletingAnswersWaitingSyncsWithRebalanceInProgress() {
        List<JoinResult> members = joinAll("a", "b");
        String follower = members.stream().filter(j -> j.members().isEmpty()).findFirst().orElseThrow().memberId();
        CompletableFuture<SyncResult> sync = group.sync(follower, 1, Map.of());
        group.onPartitionsChanged(Set.of("t"));
        assertThat(sync.join().error()).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS);
    }

    @Test
    void aLeaderThatNeverSyncsIsDroppedAfterTheRebalanceTimeout() {
        List<JoinResult> members = joinAll("a", "b");
        String leader = members.get(0).leaderId();
        String follower = members.stream().filter(j -> !j.memberId().equals(leader)).findFirst().orElseThrow().memberId();
        CompletableFuture<SyncResult> sync = group.sync(follower, 1, Map.of());
        clock.advance(REBALANCE_MS);
        group.heartbeat(leader, 1);
        group.tick();
        assertThat(sync.join().error()).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS);
        assertThat(group.describe().members()).extracting(GroupDescription.MemberDescription::memberId)
                .containsExactly(follower);
    }

    @Test
    void badJoinsAreRefusedWithTheirReason() {
        stableGroupOf("a");
        JoinRequest otherType = new JoinRequest("", "x", "/h", SESSION_MS, REBALANCE_MS, "connect",
                List.of(new ProtocolMetadata("range", new byte[0])));
        assertThat(group.join(otherType).join().error()).isEqualTo(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
        JoinRequest tooShort = new JoinRequest("", "x", "/h", 10, REBALANCE_MS, "consumer",
                List.of(new ProtocolMetadata("range", new byte[0])));
        assertThat(group.join(tooShort).join().error()).isEqualTo(ErrorCode.INVALID_SESSION_TIMEOUT);
        assertThat(group.join(request("made-up", "x", "t")).join().error()).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
    }

    @Test
    void markDeadAnswersPendingJoinsWithNotCoordinator() {
        String id = group.join(request("", "a", "t")).join().memberId();
        CompletableFuture<JoinResult> pending = group.join(request(id, "a", "t"));
        group.markDead();
        assertThat(pending.join().error()).isEqualTo(ErrorCode.NOT_COORDINATOR);
        assertThat(group.state()).isEqualTo(GroupState.DEAD);
    }

    /** Joins every client in the same initial-delay window; returns results in client order. */
    private List<JoinResult> joinAll(String... clients) {
        List<CompletableFuture<JoinResult>> futures = new ArrayList<>();
        for (String client : clients) {
            String id = group.join(request("", client, "t")).join().memberId();
            futures.add(group.join(request(id, client, "t")));
        }
        clock.advance(DELAY_MS);
        group.tick();
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private List<JoinResult> stableGroupOf(String... clients) {
        List<JoinResult> joined = joinAll(clients);
        group.sync(joined.get(0).leaderId(), joined.get(0).generationId(), Map.of()).join();
        assertThat(group.state()).isEqualTo(GroupState.STABLE);
        return joined;
    }

    private static JoinRequest request(String memberId, String clientId, String topic) {
        byte[] subscription = ConsumerProtocol.encodeSubscription(new Subscription(List.of(topic)));
        return new JoinRequest(memberId, clientId, "/127.0.0.1", SESSION_MS, REBALANCE_MS, "consumer",
                List.of(new ProtocolMetadata("range", subscription), new ProtocolMetadata("roundrobin", subscription)));
    }
}
