package io.ferrymq.broker.kafka.group;

import static io.ferrymq.broker.kafka.group.GroupWire.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.JoinGroupRequest;
import io.ferrymq.common.protocol.responses.JoinGroupResponse;
import java.util.List;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.junit.jupiter.api.Test;

class JoinGroupApiTest {

    private final JoinGroupApi api = new JoinGroupApi();

    private static JoinGroupRequestData request() {
        JoinGroupRequestData.JoinGroupRequestProtocolCollection protocols =
                new JoinGroupRequestData.JoinGroupRequestProtocolCollection();
        protocols.add(new JoinGroupRequestData.JoinGroupRequestProtocol().setName("range").setMetadata(new byte[] {1, 2}));
        protocols.add(new JoinGroupRequestData.JoinGroupRequestProtocol().setName("cooperative-sticky")
                .setMetadata(new byte[] {3}));
        return new JoinGroupRequestData().setGroupId("billing").setSessionTimeoutMs(10_000).setMemberId("")
                .setProtocolType("consumer").setProtocols(protocols);
    }

    private static JoinGroupResponse leaderResponse() {
        return new JoinGroupResponse(ErrorCode.NONE, 4, "consumer", "range", "m-1", "m-1", List.of(
                new JoinGroupResponse.Member("m-1", "", "", new byte[] {1, 2}),
                new JoinGroupResponse.Member("m-2", "", "", new byte[] {9})));
    }

    @Test
    void versionZeroUsesTheSessionTimeoutAsRebalanceTimeoutAndJoinsWithoutAKnownMemberId() {
        JoinGroupRequestData request = roundTrip(request(), (short) 0);

        assertThat(api.toFerry(request, (short) 0)).isEqualTo(new JoinGroupRequest("billing", 10_000, 10_000, "",
                "consumer", List.of(new JoinGroupRequest.Protocol("range", new byte[] {1, 2}),
                        new JoinGroupRequest.Protocol("cooperative-sticky", new byte[] {3})), false));

        JoinGroupResponseData kafka = roundTrip(api.toKafka(request, leaderResponse(), (short) 0), (short) 0);
        assertThat(kafka.generationId()).isEqualTo(4);
        assertThat(kafka.protocolName()).isEqualTo("range");
        assertThat(kafka.leader()).isEqualTo("m-1");
        assertThat(kafka.memberId()).isEqualTo("m-1");
        assertThat(kafka.members()).extracting(JoinGroupResponseData.JoinGroupResponseMember::memberId)
                .containsExactly("m-1", "m-2");
        assertThat(kafka.members().get(1).metadata()).containsExactly(9);
    }

    @Test
    void versionFourRequiresAKnownMemberIdAndAnswersMemberIdRequiredWithTheNewId() {
        JoinGroupRequestData request = roundTrip(request().setRebalanceTimeoutMs(300_000), (short) 4);

        JoinGroupRequest ferry = (JoinGroupRequest) api.toFerry(request, (short) 4);
        assertThat(ferry.requireKnownMemberId()).isTrue();
        assertThat(ferry.rebalanceTimeoutMs()).isEqualTo(300_000);

        JoinGroupResponseData kafka = roundTrip(api.toKafka(request,
                JoinGroupResponse.error(ErrorCode.MEMBER_ID_REQUIRED, "client-1-abc"), (short) 4), (short) 4);
        assertThat(kafka.errorCode()).isEqualTo(ErrorCode.MEMBER_ID_REQUIRED.code());
        assertThat(kafka.memberId()).isEqualTo("client-1-abc");
        assertThat(kafka.generationId()).isEqualTo(-1);
    }

    @Test
    void versionNineAnswersTheProtocolTypeAndNeverSkipsTheAssignment() {
        JoinGroupRequestData request = roundTrip(request().setRebalanceTimeoutMs(300_000).setMemberId("m-1")
                .setReason("rebalance needed"), (short) 9);

        assertThat(((JoinGroupRequest) api.toFerry(request, (short) 9)).memberId()).isEqualTo("m-1");

        JoinGroupResponseData kafka = roundTrip(api.toKafka(request, leaderResponse(), (short) 9), (short) 9);
        assertThat(kafka.protocolType()).isEqualTo("consumer");
        assertThat(kafka.protocolName()).isEqualTo("range");
        assertThat(kafka.skipAssignment()).isFalse();
        assertThat(kafka.members()).hasSize(2);
    }

    @Test
    void errorsAtVersionSevenAndLaterHaveNullProtocols() {
        JoinGroupRequestData request = request().setRebalanceTimeoutMs(1_000);

        JoinGroupResponseData kafka = roundTrip(api.toKafka(request,
                JoinGroupResponse.error(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, ""), (short) 7), (short) 7);

        assertThat(kafka.errorCode()).isEqualTo(ErrorCode.INCONSISTENT_GROUP_PROTOCOL.code());
        assertThat(kafka.protocolType()).isNull();
        assertThat(kafka.protocolName()).isNull();
    }

    @Test
    void staticMembersAreRefused() {
        JoinGroupRequestData request = request().setGroupInstanceId("instance-1");

        assertThatThrownBy(() -> api.toFerry(request, (short) 5)).isInstanceOf(ApiException.class)
                .hasMessageContaining("static membership")
                .satisfies(e -> assertThat(((ApiException) e).error()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION));
    }
}
