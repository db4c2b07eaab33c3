package io.ferrymq.broker.kafka.group;

import static io.ferrymq.broker.kafka.group.GroupWire.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.HeartbeatRequest;
import io.ferrymq.common.protocol.responses.HeartbeatResponse;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeartbeatApiTest {

    private final HeartbeatApi api = new HeartbeatApi();

    @ParameterizedTest
    @ValueSource(shorts = {0, 2, 4})
    void heartbeatTravelsBothWays(short version) {
        HeartbeatRequestData request = roundTrip(new HeartbeatRequestData().setGroupId("billing").setGenerationId(4)
                .setMemberId("m-1"), version);

        assertThat(api.toFerry(request, version)).isEqualTo(new HeartbeatRequest("billing", 4, "m-1"));

        HeartbeatResponseData kafka = roundTrip(api.toKafka(request,
                new HeartbeatResponse(ErrorCode.REBALANCE_IN_PROGRESS), version), version);
        assertThat(kafka.errorCode()).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS.code());
    }

    @ParameterizedTest
    @ValueSource(shorts = {3, 4})
    void staticMembersAreRefused(short version) {
        HeartbeatRequestData request = new HeartbeatRequestData().setGroupId("g").setMemberId("m")
                .setGroupInstanceId("i-1");
        assertThatThrownBy(() -> api.toFerry(request, version)).isInstanceOf(ApiException.class)
                .hasMessageContaining("static membership");
    }
}
