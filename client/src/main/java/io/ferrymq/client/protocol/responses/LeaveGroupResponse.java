package io.ferrymq.client.protocol.responses;

import io.ferrymq.client.protocol.ApiResponse;
import io.ferrymq.client.protocol.ErrorCode;
import java.util.Objects;

/** NONE, or why the member could not leave (e.g. UNKNOWN_MEMBER_ID). Immutable. */
public record LeaveGroupResponse(ErrorCode error) implements ApiResponse {

    public LeaveGroupResponse {
        Objects.requireNonNull(error, "error");
    }
}
