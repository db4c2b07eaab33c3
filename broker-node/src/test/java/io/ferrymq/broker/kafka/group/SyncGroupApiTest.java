package io.ferrymq.broker.kafka.group;

import static io.ferrymq.broker.kafka.group.GroupWire.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.SyncGroupRequest;
import io.ferrymq.common.protocol.responses.SyncGroupResponse;
import java.util.List;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.junit.jupiter.api.Test;

class SyncGroupApiTest {

    private final SyncGroupApi api = new SyncGroupApi();

    private static SyncGroupRequestData request() {
        return new SyncGroupRequestData().setGroupId("billing").setGenerationId(4).setMemberId("m-1")
                .setAssignments(List.of(
                        new SyncGroupRequestData.SyncGroupRequestAssignment().setMemberId("m-1").setAssignment(new byte[] {1}),
                        new SyncGroupRequestData.SyncGroupRequestAssignment().setMemberId("m-2").setAssignment(new byte[] {2})));
    }

    @Test
    void versionZeroHandsInTheLeadersAssignmentsWithoutProtocols() {
        SyncGroupRequestData request = roundTrip(request(), (short) 0);

        assertThat(api.toFerry(request, (short) 0)).isEqualTo(new SyncGroupRequest("billing", 4, "m-1", "", "",
                List.of(new SyncGroupRequest.Assignment("m-1", new byte[] {1}),
                        new SyncGroupRequest.Assignment("m-2", new byte[] {2}))));

        SyncGroupResponseData kafka = roundTrip(api.toKafka(request,
                new SyncGroupResponse(ErrorCode.NONE, "", "", new byte[] {1}), (short) 0), (short) 0);
        assertThat(kafka.errorCode()).isZero();
        assertThat(kafka.assignment()).containsExactly(1);
    }

    @Test
    void flexibleVersionFourAnswersErrors() {
        SyncGroupRequestData request = roundTrip(request(), (short) 4);

        SyncGroupResponseData kafka = roundTrip(api.toKafka(request,
                SyncGroupResponse.error(ErrorCode.REBALANCE_IN_PROGRESS), (short) 4), (short) 4);

        assertThat(kafka.errorCode()).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS.code());
        assertThat(kafka.assignment()).isEmpty();
    }

    @Test
    void versionFiveCarriesProtocolTypeAndName() {
        SyncGroupRequestData request = roundTrip(request().setProtocolType("consumer").setProtocolName("range"),
                (short) 5);

        SyncGroupRequest ferry = (SyncGroupRequest) api.toFerry(request, (short) 5);
        assertThat(ferry.protocolType()).isEqualTo("consumer");
        assertThat(ferry.protocolName()).isEqualTo("range");

        SyncGroupResponseData kafka = roundTrip(api.toKafka(request,
                new SyncGroupResponse(ErrorCode.NONE, "consumer", "range", new byte[] {7}), (short) 5), (short) 5);
        assertThat(kafka.protocolType()).isEqualTo("consumer");
        assertThat(kafka.protocolName()).isEqualTo("range");
        assertThat(kafka.assignment()).containsExactly(7);
    }

    @Test
    void staticMembersAreRefused() {
        assertThatThrownBy(() -> api.toFerry(request().setGroupInstanceId("i-1"), (short) 3))
                .isInstanceOf(ApiException.class).hasMessageContaining("static membership");
    }
}
