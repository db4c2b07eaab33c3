package io.ferrymq.broker.log.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProducerStateManagerTest {

    private static final long PID = 7L;
    private static final long EXPIRATION_MS = 86_400_000L;
    private static final long NOW = 1_000_000L;

    private final ProducerStateManager state = new ProducerStateManager("t-0", EXPIRATION_MS);
    private long nextOffset = 100L;

    /** A batch of {@code records} records at the next offsets, as a leader would store it. */
    private ProducerBatch batch(long pid, int epoch, int firstSeq, int records) {
        ProducerBatch batch = ProducerBatch.fromHeader(pid, (short) epoch, firstSeq, nextOffset, records - 1, NOW);
        nextOffset += records;
        return batch;
    }

    /** Validates {@code batch} as a one-batch leader append and, unless it is a duplicate, appends it. */
    private Optional<BatchMetadata> append(ProducerBatch batch) {
        Optional<BatchMetadata> duplicate = state.validateLeaderAppend(List.of(batch), NOW);
        if (duplicate.isEmpty()) {
            state.update(List.of(batch));
        }
        return duplicate;
    }

    private void assertRefused(ProducerBatch batch, ErrorCode code) {
        assertThatThrownBy(() -> state.validateLeaderAppend(List.of(batch), NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(code))
                .hasMessageContaining("t-0").hasMessageContaining("producer " + batch.producerId());
    }

    @Test
    void unknownProducerStartingAtZeroIsAccepted() {
        assertThat(append(batch(PID, 0, 0, 3))).isEmpty();
        assertThat(state.entry(PID).orElseThrow().lastSeq()).isEqualTo(2);
    }

    @Test
    void unknownProducerNotStartingAtZeroIsUnknownProducerId() {
        assertRefused(batch(PID, 0, 5, 1), ErrorCode.UNKNOWN_PRODUCER_ID);
        assertThat(state.entry(PID)).isEmpty();
    }

    @Test
    void nextSequenceIsAcceptedAndGapIsOutOfOrder() {
        append(batch(PID, 0, 0, 3));
        assertRefused(batch(PID, 0, 4, 1), ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(append(batch(PID, 0, 3, 2))).isEmpty();
        assertThat(state.entry(PID).orElseThrow().lastSeq()).isEqualTo(4);
    }

    @Test
    void duplicateIsAnsweredWithTheOriginalOffsets() {
        ProducerBatch first = batch(PID, 0, 0, 3);
        append(first);
        append(batch(PID, 0, 3, 2));
        Optional<BatchMetadata> duplicate = append(batch(PID, 0, 0, 3));
        assertThat(duplicate).contains(first.metadata());
        assertThat(duplicate.orElseThrow().firstOffset()).isEqualTo(100L);
        assertThat(state.entry(PID).orElseThrow().lastSeq()).isEqualTo(4);
    }

    @Test
    void duplicateOfTheSixthLastBatchIsOutOfOrder() {
        List<ProducerBatch> appended = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ProducerBatch b = batch(PID, 0, i * 2, 2);
            appended.add(b);
            append(b);
        }
        assertRefused(batch(PID, 0, 0, 2), ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(append(batch(PID, 0, 2, 2))).contains(appended.get(1).metadata());
    }

    @Test
    void duplicateInsideALargerAppendIsDuplicateSequenceNumber() {
        append(batch(PID, 0, 0, 1));
        List<ProducerBatch> both = List.of(batch(PID, 0, 0, 1), batch(PID, 0, 1, 1));
        assertThatThrownBy(() -> state.validateLeaderAppend(both, NOW)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.error()).isEqualTo(ErrorCode.DUPLICATE_SEQUENCE_NUMBER));
    }

    @Test
    void olderEpochIsInvalidProducerEpoch() {
        append(batch(PID, 3, 0, 1));
        assertRefused(batch(PID, 2, 1, 1), ErrorCode.INVALID_PRODUCER_EPOCH);
    }

    @Test
    void newEpochMustStartAtZeroAndResetsTheEntry() {
        append(batch(PID, 0, 0, 5));
        assertRefused(batch(PID, 1, 5, 1), ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(append(batch(PID, 1, 0, 2))).isEmpty();
        ProducerStateEntry entry = state.entry(PID).orElseThrow();
        assertThat(entry.epoch()).isEqualTo((short) 1);
        assertThat(entry.batches()).hasSize(1);
        assertRefused(batch(PID, 0, 5, 1), ErrorCode.INVALID_PRODUCER_EPOCH);
    }

    @Test
    void sequenceWrapsFromMaxValueToZero() {
        state.update(List.of(batch(PID, 0, Integer.MAX_VALUE - 1, 1)));
        ProducerBatch straddling = batch(PID, 0, Integer.MAX_VALUE, 3);
        assertThat(straddling.lastSeq()).isEqualTo(1);
        assertThat(append(straddling)).isEmpty();
        assertThat(append(batch(PID, 0, 2, 1))).isEmpty();
        assertThat(append(batch(PID, 0, Integer.MAX_VALUE, 3))).contains(straddling.metadata());
    }

    @Test
    void batchesOfOneAppendAreCheckedAgainstEachOther() {
        List<ProducerBatch> inOrder = List.of(batch(PID, 0, 0, 2), batch(PID, 0, 2, 2), batch(-1L, -1, -1, 1));
        assertThat(state.validateLeaderAppend(inOrder, NOW)).isEmpty();
        List<ProducerBatch> gap = List.of(batch(PID, 0, 0, 2), batch(PID, 0, 3, 1));
        assertThatThrownBy(() -> state.validateLeaderAppend(gap, NOW)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.error()).isEqualTo(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER));
        assertThat(state.entry(PID)).as("validation changes nothing").isEmpty();
    }

    @Test
    void followerUpdatesWithoutChecking() {
        state.update(List.of(batch(PID, 2, 40, 1), batch(PID, 1, 9, 1)));
        assertThat(state.entry(PID).orElseThrow().epoch()).isEqualTo((short) 1);
        assertThat(state.entry(PID).orElseThrow().lastSeq()).isEqualTo(9);
    }

    @Test
    void producerIdlePastTheExpirationIsDroppedAndThenUnknown() {
        append(batch(PID, 0, 0, 1));
        append(batch(PID + 1, 0, 0, 1));
        long expired = NOW + EXPIRATION_MS;
        assertThatThrownBy(() -> state.validateLeaderAppend(List.of(batch(PID, 0, 1, 1)), expired))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.UNKNOWN_PRODUCER_ID));
        state.removeExpired(expired - 1);
        assertThat(state.entry(PID + 1)).as("one ms before expiry").isPresent();
        state.removeExpired(expired);
        assertThat(state.entries()).isEmpty();
    }

    @Test
    void expirySweepRunsAtMostOncePerCheckInterval() {
        state.maybeRemoveExpired(NOW);
        append(batch(PID, 0, 0, 1));
        long expired = NOW + EXPIRATION_MS;
        state.maybeRemoveExpired(NOW + ProducerStateManager.EXPIRATION_CHECK_INTERVAL_MS - 1);
        assertThat(state.entry(PID)).isPresent();
        state.maybeRemoveExpired(expired);
        assertThat(state.entry(PID)).isEmpty();
    }

    @Test
    void snapshotThenReplayUpToTheTruncationPointRestoresThatState() {
        List<ProducerBatch> log = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            log.add(batch(PID, 0, i, 1));
        }
        ProducerStateManager snapshotSource = new ProducerStateManager("t-0", EXPIRATION_MS);
        snapshotSource.update(log.subList(0, 2));
        List<ProducerStateEntry> snapshot = ProducerSnapshotCodec.decode(
                ProducerSnapshotCodec.encode(snapshotSource.entries()));
        state.update(log);
        state.reset(snapshot);
        state.update(log.subList(2, 3));
        assertThat(state.entry(PID).orElseThrow().lastSeq()).isEqualTo(2);
        assertThat(append(batch(PID, 0, 3, 1))).isEmpty();
        assertThat(append(batch(PID, 0, 2, 1))).contains(log.get(2).metadata());
    }

    @Test
    void resetForgetsProducersNotInTheSnapshot() {
        append(batch(PID, 0, 0, 1));
        state.reset(List.of());
        assertThat(state.entries()).isEmpty();
        assertRefused(batch(PID, 0, 1, 1), ErrorCode.UNKNOWN_PRODUCER_ID);
    }
}
