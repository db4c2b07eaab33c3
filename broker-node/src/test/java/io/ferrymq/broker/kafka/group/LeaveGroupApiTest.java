package io.ferrymq.broker.kafka.group;

import static io.ferrymq.broker.kafka.group.GroupWire.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.LeaveGroupRequest;
import io.ferrymq.common.protocol.responses.LeaveGroupResponse;
import io.ferrymq.common.protocol.responses.LeaveGroupResponse.MemberResult;
import java.util.List;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.junit.jupiter.api.Test;

class LeaveGroupApiTest {

    private final LeaveGroupApi api = new LeaveGroupApi();

    @Test
    void versionZeroLeavesOneMemberAndAnswersItsError() {
        LeaveGroupRequestData request = roundTrip(new LeaveGroupRequestData().setGroupId("billing").setMemberId("m-1"),
                (short) 0);

        assertThat(api.toFerry(request, (short) 0)).isEqualTo(LeaveGroupRequest.of("billing", "m-1"));

        LeaveGroupResponseData kafka = roundTrip(api.toKafka(request, new LeaveGroupResponse(ErrorCode.NONE,
                List.of(new MemberResult("m-1", ErrorCode.UNKNOWN_MEMBER_ID))), (short) 0), (short) 0);
        assertThat(kafka.errorCode()).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID.code());
    }

    @Test
    void versionThreeBatchesMembersAndAnswersEach() {
        LeaveGroupRequestData request = roundTrip(new LeaveGroupRequestData().setGroupId("billing").setMembers(List.of(
                new LeaveGroupRequestData.MemberIdentity().setMemberId("m-1"),
                new LeaveGroupRequestData.MemberIdentity().setMemberId("m-2"))), (short) 3);

        assertThat(api.toFerry(request, (short) 3)).isEqualTo(new LeaveGroupRequest("billing", List.of("m-1", "m-2")));

        LeaveGroupResponseData kafka = roundTrip(api.toKafka(request, new LeaveGroupResponse(ErrorCode.NONE, List.of(
                new MemberResult("m-1", ErrorCode.NONE), new MemberResult("m-2", ErrorCode.UNKNOWN_MEMBER_ID))),
                (short) 3), (short) 3);
        assertThat(kafka.errorCode()).isZero();
        assertThat(kafka.members()).extracting(LeaveGroupResponseData.MemberResponse::memberId)
                .containsExactly("m-1", "m-2");
        assertThat(kafka.members()).extracting(LeaveGroupResponseData.MemberResponse::errorCode)
                .containsExactly((short) 0, ErrorCode.UNKNOWN_MEMBER_ID.code());
    }

    @Test
    void versionFiveTakesAReasonAndAnswersAGroupError() {
        LeaveGroupRequestData request = roundTrip(new LeaveGroupRequestData().setGroupId("billing").setMembers(List.of(
                new LeaveGroupRequestData.MemberIdentity().setMemberId("m-1").setReason("consumer closing"))), (short) 5);

        assertThat(api.toFerry(request, (short) 5)).isEqualTo(LeaveGroupRequest.of("billing", "m-1"));

        LeaveGroupResponseData kafka = roundTrip(api.toKafka(request,
                new LeaveGroupResponse(ErrorCode.NOT_COORDINATOR, List.of()), (short) 5), (short) 5);
        assertThat(kafka.errorCode()).isEqualTo(ErrorCode.NOT_COORDINATOR.code());
        assertThat(kafka.members()).isEmpty();
    }

    @Test
    void staticMembersAreRefused() {
        LeaveGroupRequestData request = new LeaveGroupRequestData().setGroupId("billing").setMembers(List.of(
                new LeaveGroupRequestData.MemberIdentity().setMemberId("").setGroupInstanceId("i-1")));
        assertThatThrownBy(() -> api.toFerry(request, (short) 4)).isInstanceOf(ApiException.class)
                .hasMessageContaining("static membership");
    }
}
