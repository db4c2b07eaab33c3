package io.ferrymq.broker.kafka;

import static io.ferrymq.broker.kafka.WireRoundTrip.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.CreatePartitionsRequest;
import io.ferrymq.common.protocol.responses.CreatePartitionsResponse;
import java.util.List;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsAssignment;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class CreatePartitionsApiTest {

    private final CreatePartitionsApi api = new CreatePartitionsApi();

    @Test
    void growsTopicsAtEveryVersion() {
        for (short version : new short[] {0, 2, 3}) {
            CreatePartitionsRequestData request = roundTrip(new CreatePartitionsRequestData().setTimeoutMs(300)
                    .setValidateOnly(true).setTopics(new CreatePartitionsRequestData.CreatePartitionsTopicCollection(
                            List.of(new CreatePartitionsTopic().setName("a").setCount(6).setAssignments(null)).iterator())),
                    version, CreatePartitionsRequestData::new);
            assertThat(api.toFerry(request, version)).isEqualTo(new CreatePartitionsRequest(
                    List.of(new CreatePartitionsRequest.TopicSpec("a", 6)), 300, true));
            CreatePartitionsResponseData out = roundTrip(api.toKafka(request, new CreatePartitionsResponse(List.of(
                    new CreatePartitionsResponse.TopicResult("a", ErrorCode.INVALID_PARTITIONS, "too few"))), version),
                    version, CreatePartitionsResponseData::new);
            assertThat(out.results()).singleElement().satisfies(r -> {
                assertThat(r.name()).isEqualTo("a");
                assertThat(r.errorCode()).isEqualTo(Errors.INVALID_PARTITIONS.code());
                assertThat(r.errorMessage()).isEqualTo("too few");
            });
        }
    }

    @Test
    void manualAssignmentsAreRefused() {
        CreatePartitionsRequestData request = new CreatePartitionsRequestData().setTopics(
                new CreatePartitionsRequestData.CreatePartitionsTopicCollection(List.of(new CreatePartitionsTopic()
                        .setName("a").setCount(2).setAssignments(List.of(new CreatePartitionsAssignment()
                                .setBrokerIds(List.of(1))))).iterator()));
        assertThatThrownBy(() -> api.toFerry(request, (short) 3)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).error()).isEqualTo(ErrorCode.INVALID_REPLICA_ASSIGNMENT));
    }
}
