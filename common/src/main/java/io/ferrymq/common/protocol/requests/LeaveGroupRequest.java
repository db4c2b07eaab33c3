package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.Objects;

/** A member leaves its group at once (triggering a rebalance without waiting for its session to time out). Immutable. */
public record LeaveGroupRequest(String groupId, String memberId) implements ApiRequest {

    public LeaveGroupRequest {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.LEAVE_GROUP;
    }
}
