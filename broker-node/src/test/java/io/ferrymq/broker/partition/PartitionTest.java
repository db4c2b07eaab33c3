package io.ferrymq.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.broker.log.MutableClock;
import io.ferrymq.broker.log.OffsetOutOfRangeException;
import io.ferrymq.broker.log.TimestampAndOffset;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.record.RecordBatches;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartitionTest {

    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final short ACKS_ALL = -1;

    private final MutableClock clock = new MutableClock(1_000_000);
    private final InMemoryReplicaLog leaderLog = new InMemoryReplicaLog();
    private final Partition leader = new Partition(TP, leaderLog, config(1, 2), 0, clock);
    private final Map<Integer, Long> followerLogEnds = new HashMap<>();

    private static PartitionConfig config(int broker, int minIsr) {
        return new PartitionConfig(broker, List.of(1, 2, 3), minIsr, 1_000);
    }

    private static ErrorCode errorOf(Runnable action) {
        try {
            action.run();
            return ErrorCode.NONE;
        } catch (ApiException e) {
            return e.error();
        }
    }

    @Test
    void highWatermarkAdvancesOnlyWhenEveryIsrMemberHasFetched() {
        leader.makeLeader(1, List.of(1, 2, 3));
        LeaderAppend append = leader.appendAsLeader(Batches.of("a", "b", "c"), ACKS_ALL);
        assertThat(append.info().firstOffset()).isZero();
        assertThat(append.requiredOffset()).isEqualTo(3);
        assertThat(leader.highWatermark()).isZero();

        assertThat(leader.updateFollowerFetchState(2, 3, 1).highWatermarkMoved()).isFalse();
        assertThat(leader.highWatermark()).isZero();
        FollowerFetchUpdate update = leader.updateFollowerFetchState(3, 2, 1);
        assertThat(update.highWatermarkMoved()).isTrue();
        assertThat(leader.highWatermark()).isEqualTo(2);
        leader.updateFollowerFetchState(3, 3, 1);
        assertThat(leader.highWatermark()).isEqualTo(3);
    }

    @Test
    void consumersReadBelowHighWatermarkFollowersToLogEnd() {
        leader.makeLeader(1, List.of(1, 2));
        leader.appendAsLeader(Batches.of("a"), (short) 1);
        leader.appendAsLeader(Batches.of("b"), (short) 1);
        leader.updateFollowerFetchState(2, 1, 1);
        ReadResult consumer = leader.read(0, -1, 1 << 20, false, true);
        assertThat(RecordBatches.wrap(consumer.records().toByteBuffer()).records()).hasSize(1);
        assertThat(consumer.highWatermark()).isEqualTo(1);
        ReadResult follower = leader.read(0, 1, 1 << 20, true, true);
        assertThat(RecordBatches.wrap(follower.records().toByteBuffer()).records()).hasSize(2);
        assertThat(leader.read(1, 1, 1 << 20, false, true).records().sizeInBytes()).isZero();
    }

    @Test
    void acksAllIsRefusedWhenIsrBelowMinInsyncReplicasAndNothingIsAppended() {
        leader.makeLeader(1, List.of(1));
        assertThatThrownBy(() -> leader.appendAsLeader(Batches.of("a"), ACKS_ALL))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("NOT_ENOUGH_REPLICAS").hasMessageContaining("min.insync.replicas=2");
        assertThat(leader.logEndOffset()).isZero();
        leader.appendAsLeader(Batches.of("a"), (short) 1);
        assertThat(leader.logEndOffset()).isEqualTo(1);
    }

    @Test
    void acksAllOutcomeFollowsHighWatermarkIsrAndEpoch() {
        leader.makeLeader(1, List.of(1, 2, 3));
        LeaderAppend append = leader.appendAsLeader(Batches.of("a"), ACKS_ALL);
        assertThat(leader.checkEnoughReplicasReachOffset(append.requiredOffset(), append.leaderEpoch())).isEmpty();
        leader.updateFollowerFetchState(2, 1, 1);
        leader.updateFollowerFetchState(3, 1, 1);
        assertThat(leader.checkEnoughReplicasReachOffset(1, 1)).contains(ErrorCode.NONE);
        assertThat(leader.checkEnoughReplicasReachOffset(1, 0)).contains(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    }

    @Test
    void isrShrinkBelowMinIsrBeforeCommitAnswersNotEnoughReplicasAfterAppend() {
        leader.makeLeader(1, List.of(1, 2));
        LeaderAppend append = leader.appendAsLeader(Batches.of("a"), ACKS_ALL);
        clock.advance(1_001);
        IsrChange shrink = leader.proposeIsrShrink(Set.of(1, 2, 3)).orElseThrow();
        assertThat(shrink.newIsr()).containsExactly(1);
        assertThat(leader.checkEnoughReplicasReachOffset(append.requiredOffset(), 1)).isEmpty();
        assertThat(leader.applyIsr(1, shrink.newIsr())).isTrue();
        assertThat(leader.checkEnoughReplicasReachOffset(append.requiredOffset(), 1))
                .contains(ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND);
    }

    @Test
    void lostLeadershipFailsPendingAcksAndRefusesAppends() {
        leader.makeLeader(1, List.of(1, 2));
        LeaderAppend append = leader.appendAsLeader(Batches.of("a"), ACKS_ALL);
        assertThat(leader.makeFollower(Partition.NO_LEADER, 1)).isTrue();
        assertThat(leader.checkEnoughReplicasReachOffset(append.requiredOffset(), 1))
                .contains(ErrorCode.NOT_LEADER_OR_FOLLOWER);
        assertThat(errorOf(() -> leader.appendAsLeader(Batches.of("b"), (short) 1)))
                .isEqualTo(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    }

    @Test
    void requestsWithOtherEpochsAreFenced() {
        leader.makeLeader(5, List.of(1, 2));
        assertThat(errorOf(() -> leader.read(0, 4, 100, false, true))).isEqualTo(ErrorCode.FENCED_LEADER_EPOCH);
        assertThat(errorOf(() -> leader.read(0, 6, 100, false, true))).isEqualTo(ErrorCode.UNKNOWN_LEADER_EPOCH);
        assertThat(errorOf(() -> leader.updateFollowerFetchState(2, 0, 4))).isEqualTo(ErrorCode.FENCED_LEADER_EPOCH);
        assertThat(errorOf(() -> leader.lastOffsetForLeaderEpoch(6, 5))).isEqualTo(ErrorCode.UNKNOWN_LEADER_EPOCH);
        assertThat(errorOf(() -> leader.read(0, 5, 100, false, true))).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void staleEpochLeadershipChangeIsIgnored() {
        leader.makeLeader(5, List.of(1, 2));
        assertThat(leader.makeFollower(2, 4)).isFalse();
        assertThat(leader.isLeader()).isTrue();
        assertThat(leader.makeLeader(4, List.of(1))).isFalse();
        assertThat(leader.leaderEpoch()).isEqualTo(5);
    }

    @Test
    void newLeaderKeepsHighWatermarkUntilFollowersReport() {
        leader.makeLeader(1, List.of(1, 2));
        leader.appendAsLeader(Batches.of("a", "b"), ACKS_ALL);
        leader.updateFollowerFetchState(2, 1, 1);
        assertThat(leader.highWatermark()).isEqualTo(1);
        leader.makeFollower(2, 2);
        leader.makeLeader(3, List.of(1, 2));
        assertThat(leader.highWatermark()).isEqualTo(1);
        leader.updateFollowerFetchState(2, 2, 3);
        assertThat(leader.highWatermark()).isEqualTo(2);
    }

    @Test
    void followerOutsideIsrRejoinsOnceCaughtUpInThisEpochAndRegistered() {
        leader.makeLeader(1, List.of(1, 2));
        leader.appendAsLeader(Batches.of("a"), (short) 1);
        leader.updateFollowerFetchState(2, 1, 1);
        FollowerFetchUpdate behind = leader.updateFollowerFetchState(3, 0, 1);
        assertThat(behind.mayExpandIsr()).isFalse();
        FollowerFetchUpdate caughtUp = leader.updateFollowerFetchState(3, 1, 1);
        assertThat(caughtUp.mayExpandIsr()).isTrue();
        assertThat(leader.proposeIsrExpand(Set.of(1, 2))).isEmpty();
        IsrChange expand = leader.proposeIsrExpand(Set.of(1, 2, 3)).orElseThrow();
        assertThat(expand.newIsr()).containsExactly(1, 2, 3);
        assertThat(expand.added()).containsExactly(3);
        leader.applyIsr(1, expand.newIsr());
        assertThat(leader.isr()).containsExactly(1, 2, 3);
        assertThat(leader.applyIsr(0, List.of(1))).isFalse();
        assertThat(leader.isr()).containsExactly(1, 2, 3);
    }

    @Test
    void highWatermarkNeverPassesAFollowerWhoseIsrExpansionIsBeingWritten() {
        leader.makeLeader(1, List.of(1, 2));
        leader.appendAsLeader(Batches.of("a"), ACKS_ALL);
        fetch(2, 1);
        fetch(3, 1);
        assertThat(leader.highWatermark()).isEqualTo(1);
        IsrChange expand = leader.proposeIsrExpand(Set.of(1, 2, 3)).orElseThrow();

        // While the write naming broker 3 is in flight, the leader appends and broker 2 catches up.
        LeaderAppend inFlight = leader.appendAsLeader(Batches.of("b"), ACKS_ALL);
        fetch(2, 2);

        assertThat(leader.highWatermark()).isEqualTo(1);
        assertThat(leader.checkEnoughReplicasReachOffset(inFlight.requiredOffset(), 1)).isEmpty();
        leader.applyIsr(1, expand.newIsr());
        assertEveryMemberHoldsTheHighWatermark(expand.newIsr());
        fetch(3, 2);
        assertThat(leader.highWatermark()).isEqualTo(2);
        assertThat(leader.checkEnoughReplicasReachOffset(inFlight.requiredOffset(), 1)).contains(ErrorCode.NONE);
    }

    @Test
    void minInsyncReplicasCountsOnlyTheCommittedIsrWhileAnExpansionIsPending() {
        leader.makeLeader(1, List.of(1));
        leader.appendAsLeader(Batches.of("a"), (short) 1);
        fetch(2, 1);
        IsrChange expand = leader.proposeIsrExpand(Set.of(1, 2, 3)).orElseThrow();
        assertThat(expand.added()).containsExactly(2);

        assertThat(errorOf(() -> leader.appendAsLeader(Batches.of("b"), ACKS_ALL)))
                .isEqualTo(ErrorCode.NOT_ENOUGH_REPLICAS);
        assertThat(leader.isUnderMinIsr()).isTrue();
        leader.applyIsr(1, expand.newIsr());
        assertThat(errorOf(() -> leader.appendAsLeader(Batches.of("b"), ACKS_ALL))).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void expansionLostInZooKeeperStopsCountingTheJoinerAndMayBeProposedAgain() {
        leader.makeLeader(1, List.of(1, 2));
        leader.appendAsLeader(Batches.of("a"), ACKS_ALL);
        fetch(2, 1);
        fetch(3, 1);
        leader.proposeIsrExpand(Set.of(1, 2, 3)).orElseThrow();
        leader.appendAsLeader(Batches.of("b"), ACKS_ALL);
        fetch(2, 2);
        assertThat(leader.proposeIsrExpand(Set.of(1, 2, 3))).as("one change at a time").isEmpty();

        assertThat(leader.applyIsr(1, List.of(1, 2))).as("ZooKeeper still holds the old ISR").isTrue();

        assertThat(leader.pendingIsrChange()).isEmpty();
        assertThat(leader.highWatermark()).isEqualTo(2);
        assertThat(leader.proposeIsrExpand(Set.of(1, 2, 3))).isEmpty();
        fetch(3, 2);
        assertThat(leader.proposeIsrExpand(Set.of(1, 2, 3)).map(IsrChange::added)).contains(Set.of(3));
    }

    @Test
    void leadershipChangeDropsThePendingIsrChange() {
        leader.makeLeader(1, List.of(1, 2, 3));
        leader.proposeIsrShrink(Set.of(1, 2)).orElseThrow();
        assertThat(leader.pendingIsrChange()).isPresent();

        leader.makeFollower(2, 2);
        assertThat(leader.pendingIsrChange()).isEmpty();
        leader.makeLeader(3, List.of(1, 2, 3));
        assertThat(leader.pendingIsrChange()).isEmpty();
        assertThat(leader.applyIsr(1, List.of(1, 2))).as("a write of the old epoch").isFalse();
        assertThat(leader.isr()).containsExactly(1, 2, 3);
    }

    @Test
    void unregisteredFollowerIsDroppedWithoutWaitingForLagTime() {
        leader.makeLeader(1, List.of(1, 2, 3));
        assertThat(leader.proposeIsrShrink(Set.of(1, 2, 3))).isEmpty();
        IsrChange shrink = leader.proposeIsrShrink(Set.of(1, 2)).orElseThrow();
        assertThat(shrink.removed()).containsExactly(3);
    }

    @Test
    void followerCopiesLeaderAndTruncatesDivergentTail() {
        InMemoryReplicaLog followerLog = new InMemoryReplicaLog();
        Partition follower = new Partition(TP, followerLog, config(2, 1), 0, clock);
        // broker 2 led epoch 1 and wrote two batches nobody copied.
        follower.makeLeader(1, List.of(1, 2));
        follower.appendAsLeader(Batches.of("x"), (short) 1);
        follower.appendAsLeader(Batches.of("y"), (short) 1);
        // broker 1 leads epoch 2 from offset 0 and writes its own.
        leader.makeLeader(2, List.of(1, 2));
        leader.appendAsLeader(Batches.of("a", "b", "c"), (short) 1);
        follower.makeFollower(1, 2);

        catchUp(follower, followerLog, 2);

        assertThat(followerLog.describeBatches()).isEqualTo(leaderLog.describeBatches());
        assertThat(follower.highWatermark()).isEqualTo(3);
        assertThat(leader.highWatermark()).isEqualTo(3);
    }

    @Test
    void staleFetchResponseIsNotAppended() {
        InMemoryReplicaLog followerLog = new InMemoryReplicaLog();
        Partition follower = new Partition(TP, followerLog, config(2, 1), 0, clock);
        follower.makeFollower(1, 2);
        leader.makeLeader(2, List.of(1, 2));
        leader.appendAsLeader(Batches.of("a"), (short) 1);
        ReadResult read = leader.read(0, 2, 1 << 20, true, true);
        follower.makeFollower(3, 3);
        assertThat(follower.appendAsFollower(read.records().toByteBuffer(), 0, 2, read.highWatermark())).isEmpty();
        assertThat(follower.logEndOffset()).isZero();
    }

    @Test
    void listOffsetsAnswersEarliestLatestCommittedAndByTimestamp() {
        leader.makeLeader(1, List.of(1));
        leader.appendAsLeader(Batches.of("a", "b"), (short) 1);
        assertThat(leader.listOffset(-2, 1)).contains(new TimestampAndOffset(-1, 0, 1));
        assertThat(leader.listOffset(-1, 1)).contains(new TimestampAndOffset(-1, 2, 1));
        assertThat(leader.listOffset(1_001, 1).map(TimestampAndOffset::offset)).contains(0L);
        assertThat(leader.listOffset(5_000, 1)).isEqualTo(Optional.empty());
    }

    @Test
    void aFetchWhoseLastFetchedEpochEndsBeforeItsOffsetOrIsUnknownHereDiverges() {
        leader.makeLeader(1, List.of(1));
        leader.appendAsLeader(Batches.of("a", "b"), (short) 1);
        leader.makeLeader(3, List.of(1));
        leader.appendAsLeader(Batches.of("c"), (short) 1);

        assertThat(leader.divergence(2, 3, 1)).as("epoch 1 ends at 2").isEmpty();
        assertThat(leader.divergence(3, 3, 3)).isEmpty();
        assertThat(leader.divergence(3, 3, 1)).contains(new EpochEndOffset(1, 2));
        assertThat(leader.divergence(2, 3, 2)).as("epoch 2 is unknown here").contains(new EpochEndOffset(1, 2));
        assertThatThrownBy(() -> leader.divergence(0, 3, 0)).isInstanceOf(OffsetOutOfRangeException.class);
    }

    @Test
    void listOffsetsMaxTimestampAnswersOnlyACommittedRecord() {
        leader.makeLeader(1, List.of(1, 2));
        leader.appendAsLeader(Batches.of("a", "b"), (short) 1);
        assertThat(leader.listOffset(-3, 1)).isEmpty();
        fetch(2, 2);
        assertThat(leader.highWatermark()).isEqualTo(2);
        assertThat(leader.listOffset(-3, 1).map(TimestampAndOffset::offset)).contains(0L);
    }

    /** Follower {@code broker} fetches at {@code offset} in epoch 1; the test remembers its log end. */
    private void fetch(int broker, long offset) {
        leader.updateFollowerFetchState(broker, offset, 1);
        followerLogEnds.put(broker, offset);
    }

    /** The safety rule of an ISR write: no member it names has a log ending below the high watermark. */
    private void assertEveryMemberHoldsTheHighWatermark(List<Integer> isr) {
        long hw = leader.highWatermark();
        for (int member : isr) {
            long logEnd = member == 1 ? leader.logEndOffset() : followerLogEnds.getOrDefault(member, -1L);
            assertThat(logEnd).as("log end of ISR member %d vs high watermark %d", member, hw)
                    .isGreaterThanOrEqualTo(hw);
        }
    }

    private void catchUp(Partition follower, InMemoryReplicaLog followerLog, int epoch) {
        for (int round = 0; round < 5; round++) {
            int latest = follower.latestLocalEpoch().orElse(-1);
            TruncationDecision decision = follower.decideTruncation(leader.lastOffsetForLeaderEpoch(epoch, latest));
            follower.truncateTo(decision.truncateTo(), epoch);
            if (decision.complete()) {
                break;
            }
        }
        for (int round = 0; round < 3; round++) {
            long fetchOffset = follower.logEndOffset();
            leader.updateFollowerFetchState(2, fetchOffset, epoch);
            ReadResult read = leader.read(fetchOffset, epoch, 1 << 20, true, true);
            follower.appendAsFollower(read.records().toByteBuffer(), fetchOffset, epoch, read.highWatermark());
        }
    }
}
