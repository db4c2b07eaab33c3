package io.ferrymq.broker.kafka;

import static io.ferrymq.broker.kafka.WireRoundTrip.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.DeleteTopicsRequest;
import io.ferrymq.common.protocol.responses.DeleteTopicsResponse;
import io.ferrymq.common.protocol.responses.DeleteTopicsResponse.TopicResult;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsResponseData.DeletableTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class DeleteTopicsApiTest {

    private static final Uuid ORDERS_ID = WireRoundTrip.uuid("orders");
    private final DeleteTopicsApi api = new DeleteTopicsApi(WireRoundTrip.ids(Map.of("orders", ORDERS_ID)));

    @Test
    void v1DeletesByNameWithoutMessages() {
        DeleteTopicsRequestData request = roundTrip(new DeleteTopicsRequestData().setTopicNames(List.of("a", "b"))
                .setTimeoutMs(500), (short) 1, DeleteTopicsRequestData::new);
        assertThat(api.toFerry(request, (short) 1)).isEqualTo(new DeleteTopicsRequest(List.of("a", "b"), 500));
        DeleteTopicsResponseData out = roundTrip(api.toKafka(request, new DeleteTopicsResponse(List.of(
                new TopicResult("a", ErrorCode.NONE, ""),
                new TopicResult("b", ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "no b"))), (short) 1), (short) 1,
                DeleteTopicsResponseData::new);
        assertThat(out.responses().find("a").errorCode()).isZero();
        assertThat(out.responses().find("b").errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        assertThat(out.responses().find("b").errorMessage()).isNull();
    }

    @Test
    void v5CarriesErrorMessages() {
        DeleteTopicsRequestData request = new DeleteTopicsRequestData().setTopicNames(List.of("b"));
        DeleteTopicsResponseData out = roundTrip(api.toKafka(request, new DeleteTopicsResponse(List.of(
                new TopicResult("b", ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "no b"))), (short) 5), (short) 5,
                DeleteTopicsResponseData::new);
        assertThat(out.responses().find("b").errorMessage()).isEqualTo("no b");
    }

    @Test
    void v6DeletesByIdOrNameAndAnswersUnknownIds() {
        Uuid unknown = Uuid.randomUuid();
        DeleteTopicsRequestData request = roundTrip(new DeleteTopicsRequestData().setTopics(List.of(
                new DeleteTopicState().setName(null).setTopicId(ORDERS_ID),
                new DeleteTopicState().setName(null).setTopicId(unknown),
                new DeleteTopicState().setName("c"))).setTimeoutMs(100), (short) 6, DeleteTopicsRequestData::new);
        assertThat(api.toFerry(request, (short) 6)).isEqualTo(new DeleteTopicsRequest(List.of("orders", "c"), 100));
        DeleteTopicsResponseData out = roundTrip(api.toKafka(request, new DeleteTopicsResponse(List.of(
                new TopicResult("orders", ErrorCode.NONE, ""),
                new TopicResult("c", ErrorCode.NONE, ""))), (short) 6), (short) 6, DeleteTopicsResponseData::new);
        assertThat(out.responses()).hasSize(3);
        assertThat(out.responses()).anySatisfy(r -> {
            assertThat(r.name()).isEqualTo("orders");
            assertThat(r.topicId()).isEqualTo(ORDERS_ID);
            assertThat(r.errorCode()).isZero();
        });
        DeletableTopicResult missing = out.responses().stream().filter(r -> unknown.equals(r.topicId()))
                .findFirst().orElseThrow();
        assertThat(missing.errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_ID.code());
        assertThat(missing.name()).isNull();
    }
}
