package io.ferrymq.client.producer.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.producer.ProducerConfig.Idempotence;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.RecordBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdempotenceManagerTest {

    private static final TopicPartition TP0 = new TopicPartition("t", 0);
    private static final TopicPartition TP1 = new TopicPartition("t", 1);
    private static final ProducerIdAndEpoch FIRST = new ProducerIdAndEpoch(7, (short) 0);

    private final IdempotenceManager manager = new IdempotenceManager(Idempotence.ENABLED_BY_DEFAULT, 5);

    private static ProducerBatch batch(TopicPartition tp, int records) {
        ProducerBatch batch = new ProducerBatch(tp, ByteBuffer.allocate(1024), 1024, CompressionType.NONE, 0);
        for (int i = 0; i < records; i++) {
            batch.tryAppend(0, null, ("v" + i).getBytes(StandardCharsets.UTF_8), List.of(), null, 32).orElseThrow();
        }
        return batch;
    }

    private ProducerBatch drained(TopicPartition tp, int records) {
        ProducerBatch batch = batch(tp, records);
        assertThat(manager.canSend(batch)).isTrue();
        manager.assignSequence(batch);
        batch.close();
        return batch;
    }

    private void ready(ProducerIdAndEpoch producer) {
        assertThat(manager.beginInit()).isEmpty();
        manager.initCompleted(producer);
    }

    private static void assertHeader(ProducerBatch batch, long producerId, int epoch, int sequence) {
        RecordBatch header = RecordBatch.wrap(batch.records());
        header.ensureValid();
        assertThat(header.producerId()).isEqualTo(producerId);
        assertThat(header.producerEpoch()).isEqualTo((short) epoch);
        assertThat(header.baseSequence()).isEqualTo(sequence);
    }

    @Test
    void nothingIsSentBeforeTheProducerIdArrives() {
        ProducerBatch batch = batch(TP0, 1);
        assertThat(manager.canSend(batch)).isFalse();
        manager.beginInit();
        assertThat(manager.canSend(batch)).isFalse();
        manager.initCompleted(FIRST);
        assertThat(manager.canSend(batch)).isTrue();
    }

    @Test
    void sequencesAreContiguousPerPartitionAndStampedIntoTheHeader() {
        ready(FIRST);
        ProducerBatch a = drained(TP0, 3);
        ProducerBatch b = drained(TP0, 2);
        ProducerBatch c = drained(TP1, 4);
        assertHeader(a, 7, 0, 0);
        assertHeader(b, 7, 0, 3);
        assertHeader(c, 7, 0, 0);
        assertThat(manager.unresolved(TP0)).containsExactly(a, b);
        assertThat(drained(TP0, 1).baseSequence()).isEqualTo(5);
    }

    @Test
    void aRetriedBatchKeepsItsSequence() {
        ready(FIRST);
        ProducerBatch a = drained(TP0, 3);
        manager.attemptFailed(a, ErrorCode.NETWORK_EXCEPTION);
        assertThat(manager.canSend(a)).isTrue();
        manager.assignSequence(a);
        assertHeader(a, 7, 0, 0);
        assertThat(drained(TP0, 1).baseSequence()).isEqualTo(3);
    }

    @Test
    void atMostFiveBatchesPerPartitionAreUnresolved() {
        ready(FIRST);
        List<ProducerBatch> five = List.of(drained(TP0, 1), drained(TP0, 1), drained(TP0, 1), drained(TP0, 1),
                drained(TP0, 1));
        ProducerBatch sixth = batch(TP0, 1);
        assertThat(manager.canSend(sixth)).isFalse();
        assertThat(manager.canSend(five.get(0))).as("a retry of an unresolved batch").isTrue();
        assertThat(manager.canSend(batch(TP1, 1))).isTrue();
        assertThat(manager.completed(five.get(0))).isTrue();
        assertThat(manager.canSend(sixth)).isTrue();
    }

    @Test
    void aSequenceGapBumpsTheEpochAndRestartsThatPartitionAtZero() {
        ready(FIRST);
        ProducerBatch a = drained(TP0, 3);
        ProducerBatch b = drained(TP0, 2);
        manager.attemptFailed(a, ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
        manager.attemptFailed(b, ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(manager.restartSequences(TP0, FIRST)).isEmpty();
        assertThat(manager.producerIdAndEpoch()).contains(new ProducerIdAndEpoch(7, (short) 1));
        assertThat(a.hasSequence()).isFalse();
        assertThat(manager.canSend(a)).isTrue();
        manager.assignSequence(a);
        manager.assignSequence(b);
        assertHeader(a, 7, 1, 0);
        assertHeader(b, 7, 1, 3);
    }

    @Test
    void otherPartitionsMoveToTheNewEpochOnlyOnceTheirBatchesAreResolved() {
        ready(FIRST);
        drained(TP0, 1);
        ProducerBatch inFlight = drained(TP1, 2);
        manager.restartSequences(TP0, FIRST);
        ProducerBatch next = batch(TP1, 1);
        assertThat(manager.canSend(next)).isFalse();
        assertThat(manager.canSend(inFlight)).isTrue();
        manager.completed(inFlight);
        assertThat(manager.canSend(next)).isTrue();
        manager.assignSequence(next);
        next.close();
        assertHeader(next, 7, 1, 0);
    }

    @Test
    void batchesABrokerMayHoldAreGivenBackToFailAndTheRestResequenced() {
        ready(FIRST);
        ProducerBatch lost = drained(TP0, 1);
        ProducerBatch rejected = drained(TP0, 1);
        manager.attemptFailed(lost, ErrorCode.NETWORK_EXCEPTION);
        manager.attemptFailed(rejected, ErrorCode.NOT_LEADER_OR_FOLLOWER);
        assertThat(manager.restartSequences(TP0, FIRST)).containsExactly(lost);
        assertThat(rejected.hasSequence()).isFalse();
        assertThat(manager.unresolved(TP0)).isEmpty();
        assertThat(manager.completed(lost)).as("no longer holds a sequence").isFalse();
    }

    @Test
    void aGapReportedForAnOlderEpochDoesNotBumpAgain() {
        ready(FIRST);
        drained(TP0, 1);
        drained(TP1, 1);
        manager.restartSequences(TP0, FIRST);
        manager.restartSequences(TP1, FIRST);
        assertThat(manager.producerIdAndEpoch()).contains(new ProducerIdAndEpoch(7, (short) 1));
    }

    @Test
    void anExhaustedEpochAsksForAFreshProducerId() {
        ProducerIdAndEpoch last = new ProducerIdAndEpoch(7, Short.MAX_VALUE);
        ready(last);
        drained(TP0, 1);
        manager.restartSequences(TP0, last);
        assertThat(manager.state()).isEqualTo(IdempotenceManager.State.UNINITIALIZED);
        assertThat(manager.canSend(batch(TP0, 1))).isFalse();
        assertThat(manager.beginInit()).contains(last);
        manager.initCompleted(new ProducerIdAndEpoch(8, (short) 0));
        ProducerBatch next = drained(TP0, 1);
        assertHeader(next, 8, 0, 0);
    }

    @Test
    void aFatalErrorStopsEverySend() {
        ready(FIRST);
        ProducerBatch sequenced = drained(TP0, 1);
        manager.fail(ErrorCode.INVALID_PRODUCER_EPOCH.exception("fenced"));
        assertThat(manager.canSend(sequenced)).isFalse();
        assertThat(manager.canSend(batch(TP1, 1))).isFalse();
        assertThat(manager.fatalError()).hasValueSatisfying(e ->
                assertThat(e.error()).isEqualTo(ErrorCode.INVALID_PRODUCER_EPOCH));
    }

    @Test
    void disabledIdempotenceSendsBatchesWithoutProducerFields() {
        IdempotenceManager off = new IdempotenceManager(Idempotence.DISABLED, 5);
        ProducerBatch batch = batch(TP0, 2);
        assertThat(off.canSend(batch)).isTrue();
        off.assignSequence(batch);
        batch.close();
        assertHeader(batch, RecordBatch.NO_PRODUCER_ID, RecordBatch.NO_PRODUCER_EPOCH, RecordBatch.NO_SEQUENCE);
    }

    @Test
    void onlyADefaultedIdempotenceMayBeDropped() {
        manager.beginInit();
        manager.disable();
        assertThat(manager.isEnabled()).isFalse();
        IdempotenceManager required = new IdempotenceManager(Idempotence.ENABLED, 5);
        assertThatThrownBy(required::disable).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sequencesWrapAfterIntegerMaxValue() {
        assertThat(IdempotenceManager.incrementSequence(5, 3)).isEqualTo(8);
        assertThat(IdempotenceManager.incrementSequence(Integer.MAX_VALUE, 1)).isZero();
        assertThat(IdempotenceManager.incrementSequence(Integer.MAX_VALUE - 1, 4)).isEqualTo(2);
    }

    @Test
    void onlyCertainRejectionsLeaveABatchUnwritten() {
        ready(FIRST);
        ProducerBatch timedOut = drained(TP0, 1);
        manager.attemptFailed(timedOut, ErrorCode.REQUEST_TIMED_OUT);
        ProducerBatch tooLarge = drained(TP1, 1);
        manager.attemptFailed(tooLarge, ErrorCode.MESSAGE_TOO_LARGE);
        assertThat(timedOut.isMaybeWritten()).isTrue();
        assertThat(tooLarge.isMaybeWritten()).isFalse();
        assertThat(IdempotenceManager.isSequenceGap(ErrorCode.UNKNOWN_PRODUCER_ID)).isTrue();
        assertThat(IdempotenceManager.isSequenceGap(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER)).isTrue();
        assertThat(IdempotenceManager.isSequenceGap(ErrorCode.NOT_LEADER_OR_FOLLOWER)).isFalse();
    }
}
