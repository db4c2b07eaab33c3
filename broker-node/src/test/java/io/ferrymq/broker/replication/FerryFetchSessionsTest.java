package io.ferrymq.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.broker.log.MutableClock;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.FetchRequest.PartitionData;
import io.ferrymq.common.protocol.responses.FetchResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The leader's side of Ferry's fetch sessions, against the real cache; the follower's is {@link FetchSessionBuilder}. */
class FerryFetchSessionsTest {

    private static final TopicPartition A0 = new TopicPartition("a", 0);
    private static final TopicPartition A1 = new TopicPartition("a", 1);
    private static final TopicPartition B0 = new TopicPartition("b", 0);
    private static final int FOLLOWER = 2;

    private final FerryFetchSessions sessions = new FerryFetchSessions(
            new FetchSessionCache<>(10, Duration.ofMinutes(2), new MutableClock(1_000L)));
    /** What the leader's log says per partition: high watermark, and whether records wait at the position. */
    private final Map<TopicPartition, Long> highWatermarks = new HashMap<>(Map.of(A0, 10L, A1, 20L, B0, 30L));
    private final Map<TopicPartition, Boolean> hasRecords = new HashMap<>();

    @Test
    void aRequestOutsideAnySessionIsReadAndAnsweredAsItStands() {
        FetchRequest consumer = new FetchRequest(FetchRequest.CONSUMER_REPLICA_ID, 100, 1, 1000,
                List.of(at(A0, 1), at(A0, 1)));

        assertThat(sessions.partitionsToRead(consumer)).containsExactly(at(A0, 1), at(A0, 1));
        FetchResponse answer = serve(consumer);
        assertThat(answer.sessionId()).isEqualTo(FetchRequest.NO_SESSION_ID);
        assertThat(answer.partitions()).hasSize(2);
        assertThat(sessions.size()).isZero();
    }

    @Test
    void aFullFetchOpensASessionWhoseFirstIncrementalFetchReadsEverythingAndAnIdleOneNothing() {
        FetchResponse opened = serve(full(at(A0, 5), at(A1, 7)));
        assertThat(opened.sessionId()).isPositive();
        assertThat(opened.partitions()).extracting(FetchResponse.PartitionData::topicPartition).containsExactly(A0, A1);
        assertThat(sessions.size()).isEqualTo(1);
        assertThat(sessions.partitionCount()).isEqualTo(2);

        FetchRequest first = incremental(opened.sessionId(), 1, List.of(), List.of());
        assertThat(sessions.take(first).partitions().keySet()).as("whatever happened since the full fetch was read")
                .containsExactly(A0, A1);
        FetchRequest idle = incremental(opened.sessionId(), 2, List.of(), List.of());
        assertThat(sessions.take(idle).partitions()).as("an idle fetch reads nothing").isEmpty();
        FetchResponse nothing = sessions.respond(opened.sessionId(), Map.of(), List.of());
        assertThat(nothing.sessionId()).isEqualTo(opened.sessionId());
        assertThat(nothing.partitions()).isEmpty();
    }

    @Test
    void anIncrementalAnswerCarriesRecordsHighWatermarkChangesAndErrorsOnly() {
        int id = serve(full(at(A0, 5), at(A1, 7), at(B0, 0))).sessionId();

        hasRecords.put(A0, true);
        highWatermarks.put(A1, 21L);
        FetchResponse news = serveIncremental(incremental(id, 1, List.of(), List.of()));

        assertThat(news.partitions()).extracting(FetchResponse.PartitionData::topicPartition).containsExactly(A0, A1);
        assertThat(news.partitions().get(1).highWatermark()).isEqualTo(21L);
        hasRecords.clear();
        assertThat(serveIncremental(incremental(id, 2, List.of(at(A0, 6)), List.of())).partitions()).isEmpty();
    }

    @Test
    void anEventOrAReadWithMoreToSendMarksAPartitionForTheNextFetch() {
        int id = serve(full(at(A0, 5), at(A1, 7), at(B0, 0))).sessionId();
        sessions.take(incremental(id, 1, List.of(), List.of()));

        assertThat(sessions.markChanged(A1)).containsExactly(id);
        assertThat(sessions.changed(id).keySet()).containsExactly(A1);
        sessions.respond(id, Map.of(), List.of(B0));

        assertThat(sessions.take(incremental(id, 2, List.of(), List.of())).partitions().keySet())
                .containsExactly(A1, B0);
    }

    @Test
    void addedRepositionedAndForgottenPartitionsChangeWhatIsRead() {
        int id = serve(full(at(A0, 5), at(A1, 7))).sessionId();
        sessions.take(incremental(id, 1, List.of(), List.of()));

        FetchRequest change = incremental(id, 2, List.of(at(A0, 6), at(B0, 3)), List.of(A1));

        assertThat(sessions.take(change).partitions().keySet()).containsExactly(A0, B0);
        assertThat(sessions.partitionCount()).isEqualTo(2);
    }

    @Test
    void sessionErrorsAreThrownForTheHandlerToAnswer() {
        int id = serve(full(at(A0, 5))).sessionId();

        assertThatThrownBy(() -> sessions.take(incremental(id, 5, List.of(), List.of())))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.INVALID_FETCH_SESSION_EPOCH));
        assertThatThrownBy(() -> sessions.take(incremental(id + 1, 1, List.of(), List.of())))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.FETCH_SESSION_ID_NOT_FOUND));
    }

    @Test
    void aFullFetchNamingItsOldSessionClosesIt() {
        int id = serve(full(at(A0, 5))).sessionId();

        FetchRequest restart = new FetchRequest(FOLLOWER, 100, 1, 1000, List.of(at(A0, 5)), id,
                FetchRequest.INITIAL_EPOCH, List.of());
        int replacement = serve(restart).sessionId();

        assertThat(replacement).isPositive().isNotEqualTo(id);
        assertThat(sessions.size()).isEqualTo(1);
        assertThatThrownBy(() -> sessions.take(incremental(id, 1, List.of(), List.of())))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void anAnswerForASessionGoneMeanwhileCarriesEverythingReadWithoutASession() {
        int id = serve(full(at(A0, 5))).sessionId();
        sessions.take(incremental(id, 1, List.of(), List.of(A0)));

        FetchResponse answer = sessions.respond(id, Map.of(A0, data(at(A0, 5))), List.of());

        assertThat(answer.sessionId()).isEqualTo(FetchRequest.NO_SESSION_ID);
        assertThat(answer.partitions()).extracting(FetchResponse.PartitionData::topicPartition).containsExactly(A0);
    }

    private FetchResponse serveIncremental(FetchRequest request) {
        Map<TopicPartition, FetchResponse.PartitionData> read = new LinkedHashMap<>();
        sessions.take(request).partitions().forEach((tp, position) -> read.put(tp, data(at(tp, position.fetchOffset()))));
        return sessions.respond(request.sessionId(), read, List.of());
    }

    private FetchResponse serve(FetchRequest request) {
        return sessions.respond(request, read(sessions.partitionsToRead(request)));
    }

    private FetchResponse read(List<PartitionData> partitions) {
        return new FetchResponse(ErrorCode.NONE, partitions.stream().map(this::data).toList());
    }

    private FetchResponse.PartitionData data(PartitionData p) {
        return new FetchResponse.PartitionData(p.topicPartition(), ErrorCode.NONE, highWatermarks.get(p.topicPartition()),
                0L, 3, hasRecords.getOrDefault(p.topicPartition(), false)
                        ? RecordSource.of(ByteBuffer.wrap(new byte[] {1})) : RecordSource.EMPTY);
    }

    private static PartitionData at(TopicPartition tp, long offset) {
        return new PartitionData(tp, offset, 3, 1024);
    }

    private static FetchRequest full(PartitionData... partitions) {
        return new FetchRequest(FOLLOWER, 100, 1, 1000, List.of(partitions), FetchRequest.NO_SESSION_ID,
                FetchRequest.INITIAL_EPOCH, List.of());
    }

    private static FetchRequest incremental(int id, int epoch, List<PartitionData> changed,
                                            List<TopicPartition> forgotten) {
        return new FetchRequest(FOLLOWER, 100, 1, 1000, changed, id, epoch, forgotten);
    }
}
