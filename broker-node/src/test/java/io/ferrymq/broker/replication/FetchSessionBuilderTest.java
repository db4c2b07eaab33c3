package io.ferrymq.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.FetchRequest.PartitionData;
import io.ferrymq.common.protocol.responses.FetchResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FetchSessionBuilderTest {

    private static final TopicPartition A0 = new TopicPartition("a", 0);
    private static final TopicPartition A1 = new TopicPartition("a", 1);
    private static final TopicPartition B0 = new TopicPartition("b", 0);
    private static final int SESSION = 77;

    private final FetchSessionBuilder builder = new FetchSessionBuilder();

    @Test
    void theFirstRequestIsFullAndOpensASession() {
        FetchSessionBuilder.Built first = builder.build(wanted(at(A0, 5), at(A1, 9)));

        assertThat(first.isFull()).isTrue();
        assertThat(first.sessionId()).isEqualTo(FetchRequest.NO_SESSION_ID);
        assertThat(first.epoch()).isEqualTo(FetchRequest.INITIAL_EPOCH);
        assertThat(first.partitions()).containsExactly(at(A0, 5), at(A1, 9));
        assertThat(builder.handleResponse(first, answer(SESSION))).isTrue();
        assertThat(builder.sessionId()).isEqualTo(SESSION);
    }

    @Test
    void anIdleSessionSendsNothingAndMovesItsEpochOn() {
        open(at(A0, 5), at(A1, 9));

        FetchSessionBuilder.Built idle = builder.build(wanted(at(A0, 5), at(A1, 9)));
        assertThat(idle.isFull()).isFalse();
        assertThat(idle.sessionId()).isEqualTo(SESSION);
        assertThat(idle.epoch()).isEqualTo(1);
        assertThat(idle.partitions()).isEmpty();
        assertThat(idle.forgotten()).isEmpty();
        builder.handleResponse(idle, answer(SESSION));

        assertThat(builder.build(wanted(at(A0, 5), at(A1, 9))).epoch()).isEqualTo(2);
    }

    @Test
    void onlyMovedAddedAndEpochChangedPartitionsAreSentAndDroppedOnesForgotten() {
        open(at(A0, 5), at(A1, 9));

        PartitionData newEpoch = new PartitionData(A1, 9, 4, 1024);
        FetchSessionBuilder.Built next = builder.build(wanted(at(A0, 6), newEpoch, at(B0, 0)));
        assertThat(next.partitions()).containsExactly(at(A0, 6), newEpoch, at(B0, 0));
        assertThat(next.forgotten()).isEmpty();
        builder.handleResponse(next, answer(SESSION));

        FetchSessionBuilder.Built removal = builder.build(wanted(at(A0, 6), at(B0, 0)));
        assertThat(removal.partitions()).isEmpty();
        assertThat(removal.forgotten()).containsExactly(A1);
        builder.handleResponse(removal, answer(SESSION));

        FetchSessionBuilder.Built readded = builder.build(wanted(at(A0, 6), at(B0, 0), newEpoch));
        assertThat(readded.partitions()).containsExactly(newEpoch);
    }

    @Test
    void anUnknownSessionStartsOverWithAFullRequestWithoutAnId() {
        open(at(A0, 5));
        FetchSessionBuilder.Built incremental = builder.build(wanted(at(A0, 5)));

        assertThat(builder.handleResponse(incremental, error(ErrorCode.FETCH_SESSION_ID_NOT_FOUND))).isFalse();

        FetchSessionBuilder.Built restart = builder.build(wanted(at(A0, 5), at(A1, 1)));
        assertThat(restart.isFull()).isTrue();
        assertThat(restart.sessionId()).isEqualTo(FetchRequest.NO_SESSION_ID);
        assertThat(restart.partitions()).containsExactly(at(A0, 5), at(A1, 1));
    }

    @Test
    void aWrongEpochStartsOverWithAFullRequestClosingTheOldSession() {
        open(at(A0, 5));
        FetchSessionBuilder.Built incremental = builder.build(wanted(at(A0, 5)));

        assertThat(builder.handleResponse(incremental, error(ErrorCode.INVALID_FETCH_SESSION_EPOCH))).isFalse();

        FetchSessionBuilder.Built restart = builder.build(wanted(at(A0, 5)));
        assertThat(restart.isFull()).isTrue();
        assertThat(restart.sessionId()).as("the full request names the session it replaces").isEqualTo(SESSION);
        assertThat(restart.partitions()).containsExactly(at(A0, 5));
        builder.handleResponse(restart, answer(SESSION + 1));
        assertThat(builder.build(wanted(at(A0, 5))).sessionId()).isEqualTo(SESSION + 1);
    }

    @Test
    void aFailedRequestOrALostSessionMakesTheNextRequestFull() {
        open(at(A0, 5));
        builder.build(wanted(at(A0, 5)));
        builder.requestFailed();
        FetchSessionBuilder.Built afterFailure = builder.build(wanted(at(A0, 5)));
        assertThat(afterFailure.isFull()).isTrue();
        assertThat(afterFailure.partitions()).containsExactly(at(A0, 5));
        builder.handleResponse(afterFailure, answer(SESSION));

        FetchSessionBuilder.Built incremental = builder.build(wanted(at(A0, 5)));
        assertThat(builder.handleResponse(incremental, answer(FetchRequest.NO_SESSION_ID)))
                .as("the answer itself is still applied").isTrue();
        assertThat(builder.build(wanted(at(A0, 5))).isFull()).isTrue();
    }

    @Test
    void withoutASlotOnTheLeaderEveryRequestStaysFull() {
        FetchSessionBuilder.Built first = builder.build(wanted(at(A0, 5)));
        builder.handleResponse(first, answer(FetchRequest.NO_SESSION_ID));

        FetchSessionBuilder.Built second = builder.build(wanted(at(A0, 5)));
        assertThat(second.isFull()).isTrue();
        assertThat(second.partitions()).containsExactly(at(A0, 5));
    }

    private void open(PartitionData... partitions) {
        FetchSessionBuilder.Built first = builder.build(wanted(partitions));
        builder.handleResponse(first, answer(SESSION));
    }

    private static PartitionData at(TopicPartition tp, long offset) {
        return new PartitionData(tp, offset, 3, 1024);
    }

    private static Map<TopicPartition, PartitionData> wanted(PartitionData... partitions) {
        Map<TopicPartition, PartitionData> wanted = new LinkedHashMap<>();
        for (PartitionData data : partitions) {
            wanted.put(data.topicPartition(), data);
        }
        return wanted;
    }

    private static FetchResponse answer(int sessionId) {
        return new FetchResponse(ErrorCode.NONE, List.of(), sessionId);
    }

    private static FetchResponse error(ErrorCode error) {
        return new FetchResponse(error, List.of(), FetchRequest.NO_SESSION_ID);
    }
}
