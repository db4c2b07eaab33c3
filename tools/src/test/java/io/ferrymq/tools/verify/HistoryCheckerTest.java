package io.ferrymq.tools.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.tools.verify.History.Ack;
import io.ferrymq.tools.verify.History.CommitSample;
import io.ferrymq.tools.verify.History.Read;
import io.ferrymq.tools.verify.History.ReplicaChecksum;
import io.ferrymq.tools.verify.Violation.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryCheckerTest {

    private static final HistoryChecker CHECKER = new HistoryChecker(Duration.ofSeconds(5));

    /** Writes 0..5 alternately to keys a and b, acked each 100 ms, a's in partition 0 and b's in partition 1. */
    private static final List<Ack> ACKS = List.of(
            new Ack(0, "a", 0, 0, 0, 1_100), new Ack(1, "b", 0, 1, 0, 1_200),
            new Ack(2, "a", 1, 0, 1, 1_300), new Ack(3, "b", 1, 1, 1, 1_400),
            new Ack(4, "a", 2, 0, 2, 1_500), new Ack(5, "b", 2, 1, 2, 1_600));

    private static List<Read> readsOf(List<Ack> acks) {
        return acks.stream().map(a -> new Read(a.partition(), a.offset(), a.seq(), a.key(), a.keySeq())).toList();
    }

    private static History history(List<Ack> acks, List<Read> reads, List<CommitSample> commits,
                                   List<ReplicaChecksum> checksums) {
        return new History(1_000, 2_000, acks.size(), acks, 0, reads, commits, checksums);
    }

    private static List<ReplicaChecksum> agreeing() {
        return List.of(new ReplicaChecksum(0, 1, 3, 0xabc), new ReplicaChecksum(0, 2, 3, 0xabc),
                new ReplicaChecksum(1, 1, 3, 0xdef), new ReplicaChecksum(1, 3, 3, 0xdef));
    }

    private static List<CommitSample> monotoneCommits() {
        return List.of(new CommitSample(0, 1, 1_250), new CommitSample(1, 1, 1_260), new CommitSample(0, 3, 1_700),
                new CommitSample(1, 3, 1_800));
    }

    @Test
    void aFaithfulHistoryIsClean() {
        Verdict verdict = CHECKER.check(history(ACKS, readsOf(ACKS), monotoneCommits(), agreeing()));

        assertThat(verdict.isClean()).as(verdict.summaryLine()).isTrue();
        assertThat(verdict.acked()).isEqualTo(6);
        assertThat(verdict.read()).isEqualTo(6);
        assertThat(verdict.replicasCompared()).isEqualTo(4);
        assertThat(verdict.longestUnavailableMs()).isEqualTo(400);
        assertThat(verdict.unavailableFromMs()).isEqualTo(1_600);
        assertThat(verdict.summaryLine()).startsWith("CLEAN");
    }

    @Test
    void anAcknowledgedWriteMissingFromTheLogIsLost() {
        List<Read> reads = new ArrayList<>(readsOf(ACKS));
        reads.remove(2);

        Verdict verdict = CHECKER.check(history(ACKS, reads, List.of(), List.of()));

        assertThat(kinds(verdict)).containsExactly(Kind.LOST);
        assertThat(verdict.violations().get(0).count()).isEqualTo(1);
        assertThat(verdict.violations().get(0).examples()).containsExactly("acked seq 2 at p0@1 is missing");
        assertThat(verdict.summaryLine()).startsWith("VIOLATIONS: LOST");
    }

    @Test
    void anAcknowledgedOffsetHoldingAnotherRecordIsLostEvenIfTheWriteIsElsewhere() {
        List<Read> reads = List.of(new Read(0, 0, 0, "a", 0), new Read(0, 1, 4, "a", 2), new Read(0, 2, 2, "a", 1));
        List<Ack> acks = List.of(ACKS.get(0), ACKS.get(2), ACKS.get(4));

        Verdict verdict = CHECKER.check(history(acks, reads, List.of(), List.of()));

        assertThat(verdict.violations()).extracting(Violation::kind).contains(Kind.LOST);
        assertThat(verdict.violations().get(0).examples())
                .containsExactly("acked seq 2 at p0@1 but read at p0@2", "acked seq 4 at p0@2 but read at p0@1");
    }

    @Test
    void unacknowledgedWritesMayBeMissingOrPresent() {
        List<Ack> acks = List.of(ACKS.get(0), ACKS.get(1), ACKS.get(3));
        List<Read> reads = readsOf(List.of(ACKS.get(0), ACKS.get(1), ACKS.get(2), ACKS.get(3)));

        Verdict verdict = new HistoryChecker(Duration.ofSeconds(5))
                .check(new History(1_000, 2_000, 6, acks, 3, reads, List.of(), List.of()));

        assertThat(verdict.isClean()).as(verdict.summaryLine()).isTrue();
        assertThat(verdict.failed()).isEqualTo(3);
    }

    @Test
    void aWriteAtTwoOffsetsIsADuplicate() {
        List<Read> reads = new ArrayList<>(readsOf(ACKS));
        reads.add(new Read(0, 3, 4, "a", 2));

        Verdict verdict = CHECKER.check(history(ACKS, reads, List.of(), List.of()));

        assertThat(kinds(verdict)).containsExactly(Kind.DUPLICATE);
        assertThat(verdict.violations().get(0).examples()).containsExactly("seq 4 at p0@2, p0@3");
    }

    @Test
    void aLaterWriteOfAKeyBeforeAnEarlierOneIsReordered() {
        List<Ack> acks = List.of(new Ack(0, "a", 0, 0, 0, 1_100), new Ack(2, "a", 1, 0, 2, 1_300),
                new Ack(4, "a", 2, 0, 1, 1_500));

        Verdict verdict = CHECKER.check(history(acks, readsOf(acks), List.of(), List.of()));

        assertThat(kinds(verdict)).containsExactly(Kind.REORDERED);
        assertThat(verdict.violations().get(0).examples()).containsExactly("key a: #1 at p0@2 after #2 at p0@1");
    }

    @Test
    void gapsInAKeysSequenceAreNotReordering() {
        List<Ack> acks = List.of(ACKS.get(0), ACKS.get(4));

        assertThat(CHECKER.check(history(acks, readsOf(acks), List.of(), List.of())).violations()).isEmpty();
    }

    @Test
    void aCommittedOffsetGoingBackIsARegressionInTimeOrderNotListOrder() {
        List<CommitSample> commits = List.of(new CommitSample(0, 5, 1_900), new CommitSample(0, 3, 1_500),
                new CommitSample(1, 4, 1_300), new CommitSample(0, 2, 1_700), new CommitSample(1, 4, 1_400));

        Verdict verdict = CHECKER.check(history(ACKS, readsOf(ACKS), commits, List.of()));

        assertThat(kinds(verdict)).containsExactly(Kind.OFFSET_REGRESSION);
        assertThat(verdict.violations().get(0).examples())
                .containsExactly("partition 0 committed 2 at 1700 after 3 at 1500");
    }

    @Test
    void replicasWithDifferentChecksumsOverTheSamePrefixDiverge() {
        List<ReplicaChecksum> sums = new ArrayList<>(agreeing());
        sums.add(new ReplicaChecksum(0, 3, 3, 0x123));
        sums.add(new ReplicaChecksum(1, 2, 2, 0x999));

        Verdict verdict = CHECKER.check(history(ACKS, readsOf(ACKS), List.of(), sums));

        assertThat(kinds(verdict)).containsExactly(Kind.REPLICA_DIVERGENCE);
        assertThat(verdict.violations().get(0).examples())
                .containsExactly("partition 0 up to offset 3: broker 1=abc, broker 2=abc, broker 3=123");
    }

    @Test
    void aWindowWithoutAcknowledgementsLongerThanAllowedIsUnavailability() {
        List<Ack> acks = List.of(new Ack(0, "a", 0, 0, 0, 1_100), new Ack(1, "a", 1, 0, 1, 1_900));

        Verdict verdict = new HistoryChecker(Duration.ofMillis(500)).check(history(acks, readsOf(acks), List.of(), List.of()));

        assertThat(kinds(verdict)).containsExactly(Kind.UNAVAILABLE);
        assertThat(verdict.longestUnavailableMs()).isEqualTo(800);
        assertThat(verdict.unavailableFromMs()).isEqualTo(1_100);
        assertThat(verdict.violations().get(0).examples()).containsExactly("no acknowledgement for 800 ms from 1100 (allowed 500 ms)");
    }

    @Test
    void aRunWithoutAnyAcknowledgementIsUnavailableForItsWholeLength() {
        Verdict verdict = new HistoryChecker(Duration.ofMillis(999))
                .check(new History(1_000, 2_000, 10, List.of(), 10, List.of(), List.of(), List.of()));

        assertThat(verdict.longestUnavailableMs()).isEqualTo(1_000);
        assertThat(kinds(verdict)).containsExactly(Kind.UNAVAILABLE);
    }

    @Test
    void everyKindIsReportedTogetherAndExamplesAreCapped() {
        List<Ack> acks = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            acks.add(new Ack(i, "k", i, 0, i, 1_000 + i));
        }
        List<Read> reads = List.of(new Read(0, 0, 0, "k", 0), new Read(0, 1, 0, "k", 0));
        List<CommitSample> commits = List.of(new CommitSample(0, 2, 1_100), new CommitSample(0, 1, 1_200));
        List<ReplicaChecksum> sums = List.of(new ReplicaChecksum(0, 1, 2, 1), new ReplicaChecksum(0, 2, 2, 2));

        Verdict verdict = new HistoryChecker(Duration.ofMillis(100)).check(new History(1_000, 2_000, 25, acks, 0, reads,
                commits, sums));

        assertThat(kinds(verdict)).containsExactly(Kind.LOST, Kind.DUPLICATE, Kind.OFFSET_REGRESSION,
                Kind.REPLICA_DIVERGENCE, Kind.UNAVAILABLE);
        Violation lost = verdict.violations().get(0);
        assertThat(lost.count()).isEqualTo(24);
        assertThat(lost.examples()).hasSize(Violation.MAX_EXAMPLES);
        assertThat(lost.describe()).startsWith("LOST: 24 (acked seq 1 at p0@1 is missing;").endsWith("; ...)");
    }

    private static List<Kind> kinds(Verdict verdict) {
        return verdict.violations().stream().map(Violation::kind).toList();
    }
}
