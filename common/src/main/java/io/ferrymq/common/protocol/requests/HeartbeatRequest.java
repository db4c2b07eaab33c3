package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.Objects;

/** Tell the coordinator a member of a generation is alive. Immutable. */
public record HeartbeatRequest(String groupId, int generationId, String memberId) implements ApiRequest {

    public HeartbeatRequest {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.HEARTBEAT;
    }
}
