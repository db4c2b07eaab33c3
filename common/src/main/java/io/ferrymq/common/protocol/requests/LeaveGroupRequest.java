package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.List;
import java.util.Objects;

/**
 * Members leave their group at once (triggering a rebalance without waiting for their sessions to
 * time out): a consumer names itself, an admin tool may remove several. Immutable.
 */
public record LeaveGroupRequest(String groupId, List<String> memberIds) implements ApiRequest {

    public LeaveGroupRequest {
        Objects.requireNonNull(groupId, "groupId");
        memberIds = List.copyOf(memberIds);
    }

    public static LeaveGroupRequest of(String groupId, String memberId) {
        return new LeaveGroupRequest(groupId, List.of(memberId));
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.LEAVE_GROUP;
    }
}
