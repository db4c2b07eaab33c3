package io.ferrymq.broker.kafka.group;

import io.ferrymq.broker.kafka.KafkaApi;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.LeaveGroupRequest;
import io.ferrymq.common.protocol.responses.LeaveGroupResponse;
import java.util.List;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * LeaveGroup 0-5: one member up to v2, a batch of members from v3 (KIP-345), answered per member.
 * A member named by {@code group.instance.id} is refused ({@link StaticMembership}); the leave reason
 * (v5) is not kept. Up to v2 the one error code is the group's or else the member's. Stateless and
 * thread-safe.
 */
final class LeaveGroupApi implements KafkaApi<LeaveGroupRequestData, LeaveGroupResponseData> {

    @Override
    public ApiKeys key() {
        return ApiKeys.LEAVE_GROUP;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 5;
    }

    @Override
    public ApiRequest toFerry(LeaveGroupRequestData request, short version) {
        if (version < 3) {
            return LeaveGroupRequest.of(request.groupId(), request.memberId());
        }
        request.members().forEach(m -> StaticMembership.refuse(m.groupInstanceId()));
        return new LeaveGroupRequest(request.groupId(),
                request.members().stream().map(LeaveGroupRequestData.MemberIdentity::memberId).toList());
    }

    @Override
    public LeaveGroupResponseData toKafka(LeaveGroupRequestData request, ApiResponse response, short version) {
        LeaveGroupResponse ferry = (LeaveGroupResponse) response;
        if (version < 3) {
            return new LeaveGroupResponseData().setErrorCode(ferry.firstError().code());
        }
        List<LeaveGroupResponseData.MemberResponse> members = ferry.members().stream()
                .map(m -> new LeaveGroupResponseData.MemberResponse().setMemberId(m.memberId())
                        .setErrorCode(m.error().code())).toList();
        return new LeaveGroupResponseData().setErrorCode(ferry.error().code()).setMembers(members);
    }
}
